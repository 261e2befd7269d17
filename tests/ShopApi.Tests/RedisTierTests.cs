using System.Net.Http.Json;
using Cached.Runtime.Tests.Redis;
using ShopApi.Web.CachePage;

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
        await first.ConnectToRedisAsync();
        await second.ConnectToRedisAsync();

        var stats = await firstClient.GetFromJsonAsync<CacheStats>("/cache/stats");
        var fromDatabase = await firstClient.GetStringAsync("/products/5/reviews");
        await WaitForL2EntryAsync($"{prefix}:*GetReviewsAsync*");
        second.Queries.Reset();
        var fromRedis = await secondClient.GetStringAsync("/products/5/reviews");

        Assert.True(stats!.Redis);
        Assert.Equal(fromDatabase, fromRedis);
        Assert.Equal(0, second.Queries.Count);
    }


    [Fact]
    public async Task The_cache_page_reports_the_backplane_from_the_engine_meter()
    {
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Redis"] = redis.Configuration, ["Cached:KeyPrefix"] = $"shop-{Guid.NewGuid():N}" };
        using var node = new ShopApiFactory(settings: settings);
        using var admin = node.CreateClient(ShopApiFactory.AdminKey);
        await node.ConnectToRedisAsync();
        var before = await admin.GetFromJsonAsync<CacheStats>("/cache/stats");

        (await admin.PostAsJsonAsync("/admin/cache/invalidate", new { tags = new[] { "product:3" } })).EnsureSuccessStatusCode();
        var after = await admin.GetFromJsonAsync<CacheStats>("/cache/stats");
        var html = await admin.GetStringAsync("/cache");

        Assert.True(after!.Backplane.Sent > before!.Backplane.Sent, $"sent {before.Backplane.Sent} then {after.Backplane.Sent}");
        Assert.Equal(0, after.Backplane.BreakersOpen);
        Assert.Matches("<strong id=\"backplane\">connected; [0-9]+ sent", html);
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
