using System.Net;
using System.Net.Http.Json;
using Cached.Runtime.Tests.Redis;

namespace ShopApi.Tests;

public sealed class WriteBehindRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const int Views = 20;

    [Fact]
    public async Task Journaled_view_counts_reach_the_database_once_each()
    {
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Redis"] = redis.Configuration, ["Cached:KeyPrefix"] = $"shop-{Guid.NewGuid():N}" };
        using var factory = new ShopApiFactory(settings: settings);
        using var client = factory.CreateClient();
        await factory.ConnectToRedisAsync();

        for (var i = 0; i < Views; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/products/11/views", null)).StatusCode);
        }

        // The flusher applies the journal in the background: wait for it, with a generous hang guard.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await client.GetFromJsonAsync<long>("/products/11/views", guard.Token) < Views)
        {
            await Task.Delay(50, guard.Token);
        }

        Assert.Equal(Views, await client.GetFromJsonAsync<long>("/products/11/views"));
        Assert.Equal(Views, await StrategyTests.AppliedWritesAsync(factory));
    }
}
