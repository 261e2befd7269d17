using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Cached.Runtime.Tests.Redis;
using ShopApi.Web.CachePage;
using StackExchange.Redis;

namespace ShopApi.Tests;

public sealed class RedisTierTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task A_second_node_serves_reviews_from_redis_without_querying_its_database()
    {
        var prefix = $"shop-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Redis"] = redis.Configuration, ["Cached:KeyPrefix"] = prefix };
        using var first = new ShopApiFactory(settings: settings);
        using var second = new ShopApiFactory(settings: settings);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        await ConnectedToRedisAsync(first);
        await ConnectedToRedisAsync(second);

        var stats = await firstClient.GetFromJsonAsync<CacheStats>("/cache/stats");
        var fromDatabase = await firstClient.GetStringAsync("/products/5/reviews");
        await WaitForL2EntryAsync($"{prefix}:*GetReviewsAsync*");
        second.Queries.Reset();
        var fromRedis = await secondClient.GetStringAsync("/products/5/reviews");

        Assert.True(stats!.Redis);
        Assert.Equal(fromDatabase, fromRedis);
        Assert.Equal(0, second.Queries.Count);
    }

    // A node connects to Redis in the background and skips L2 until it has: on a busy machine that can outlast the
    // engine's one-second wait at startup. Connect first, then create the engine over the connected multiplexer.
    private static async Task ConnectedToRedisAsync(ShopApiFactory node)
    {
        var multiplexer = node.Services.GetRequiredService<IConnectionMultiplexer>();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!multiplexer.IsConnected)
        {
            await Task.Delay(20, guard.Token);
        }

        node.Services.GetRequiredService<Cached.CacheEngine>();
    }

    // The L2 write may finish after the first response: wait for the entry itself, with a generous hang guard.
    private async Task WaitForL2EntryAsync(string pattern)
    {
        await using var connection = await redis.ConnectAsync();
        var server = connection.GetServers()[0];
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!server.Keys(pattern: pattern).Any())
        {
            await Task.Delay(20, guard.Token);
        }
    }
}
