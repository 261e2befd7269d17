using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests.Redis;

/// <summary>Many-key reads on a standalone Redis: one <c>MGET</c> per batch, and Redis down or stuck fails nothing.</summary>
[Collection(RedisCollection.Name)]
public sealed class ManyKeyL2Tests(RedisServerFixture redis) : ManyKeyL2Scenarios(redis)
{
    [Fact]
    public async Task A_cold_batch_reads_Redis_with_one_MGET_L1_hits_with_none_and_a_partial_one_asks_only_for_what_L1_lacks()
    {
        using var node = await ConnectedAsync(TestCache.NewPrefix());
        var engine = node.Engine;
        var keys = Keys(20);
        string[] tags = ["catalog", "featured"];
        await using var counter = await ConnectCommandCounterAsync();
        var cold = await CountColdReadAsync(engine, counter, keys, tags);

        var source = new KeyedSource();
        var before = await counter.ReadAsync();
        await engine.GetOrCreateManyAsync(keys, source.GetManyAsync, tags: tags).AsTask().Within();
        var warm = await counter.ReadAsync() - before;

        foreach (var key in keys[..3])
        {
            engine.L1.Remove(key);
        }

        before = await counter.ReadAsync();
        var values = await engine.GetOrCreateManyAsync(keys, source.GetManyAsync, tags: tags).AsTask().Within();
        var partial = await counter.ReadAsync() - before;

        Assert.Equal(new CommandCounts(Mget: 1, Get: 0, Lookups: keys.Length + 1 + tags.Length), cold);
        Assert.Equal(new CommandCounts(0, 0, 0), warm);
        Assert.Equal(new CommandCounts(Mget: 1, Get: 0, Lookups: 3 + 1 + tags.Length), partial); // 3 entries, "*" and the tags
        Assert.Empty(source.Batches);
        Assert.Equal(keys.Length, values.Count);
    }

    [Fact]
    public async Task With_Redis_down_a_batch_is_served_by_the_factory()
    {
        using var cache = TestCache.Create(o =>
        {
            o.Redis = $"127.0.0.1:{RedisServerFixture.ClosedPort()}";
            o.KeyPrefix = TestCache.NewPrefix();
        });

        var values = await cache.Engine.GetOrCreateManyAsync(Keys(5), new KeyedSource().GetManyAsync, tags: ["t"]).AsTask().Within();

        Assert.Equal(5, values.Count);
    }

    [Fact]
    public async Task With_Redis_stuck_a_batch_is_served_by_L1_and_the_factory_within_the_L2_timeout()
    {
        using var proxy = new FreezableProxy(((RedisServerFixture)Target).Port);
        using var cache = TestCache.Create(o =>
        {
            o.Redis = $"127.0.0.1:{proxy.Port},asyncTimeout=60000,syncTimeout=60000";
            o.L2.Timeout = "200ms";
            o.KeyPrefix = TestCache.NewPrefix();
        });
        await Eventually.HoldsAsync(
            () => cache.Engine.L2!.IsConnected && cache.Engine.Backplane!.IsSubscribed, "the engine is connected to Redis through the proxy");
        var engine = cache.Engine;
        var source = new KeyedSource();
        await engine.GetOrCreateManyAsync(["a", "b"], source.GetManyAsync).AsTask().Within();

        proxy.Freeze();
        var values = await engine.GetOrCreateManyAsync(["a", "b", "c", "d"], source.GetManyAsync).AsTask().Within(seconds: 10);
        proxy.Thaw();

        Assert.Equal(4, values.Count);
        Assert.Equal(["c", "d"], source.Batches[^1]);
    }

    [Fact]
    public async Task With_Redis_killed_a_batch_is_served_by_L1_and_the_factory()
    {
        using var server = await RedisServerProcess.StartAsync();
        using var cache = await TestCache.ConnectedAsync($"127.0.0.1:{server.Port}", TestCache.NewPrefix(), o => o.L2.Timeout = "250ms");
        var engine = cache.Engine;
        var source = new KeyedSource();
        await engine.GetOrCreateManyAsync(["a", "b"], source.GetManyAsync).AsTask().Within();

        server.Kill();
        var values = await engine.GetOrCreateManyAsync(["a", "b", "c", "d"], source.GetManyAsync).AsTask().Within();

        Assert.Equal(4, values.Count);
        Assert.Equal(["c", "d"], source.Batches[^1]);
    }
}
