using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cached.Runtime.Tests.Distributed;

/// <summary>The L2 scenarios on a three-master Redis Cluster.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClusterL2Tests(RedisClusterFixture cluster) : RedisL2Scenarios(cluster)
{
    [Fact]
    public async Task Entries_and_tag_stamps_spread_over_every_master_and_many_key_operations_work_across_slots()
    {
        var prefix = NewPrefix();
        using var a = await ConnectedAsync(prefix);
        using var b = await ConnectedAsync(prefix);
        var keys = Enumerable.Range(0, 60).Select(i => $"product|{i}").ToArray();
        foreach (var key in keys)
        {
            await a.Engine.GetOrCreateAsync(key, _ => new ValueTask<string>("v"), tags: [$"tag:{key}"]);
        }

        await using var raw = await Target.ConnectAsync();
        foreach (var port in cluster.Ports)
        {
            Assert.True(await raw.GetServer("127.0.0.1", port).DatabaseSizeAsync() > 0, $"the master on port {port} holds some entries");
        }

        await a.Engine.RemoveAsync(keys[..30]);
        await a.Engine.RemoveByTagAsync(keys[30..].Select(k => $"tag:{k}"));

        var runs = 0;
        foreach (var key in keys)
        {
            Assert.Equal("new", await b.Engine.GetOrCreateAsync(key, _ => { runs++; return new ValueTask<string>("new"); }, tags: [$"tag:{key}"]));
        }

        Assert.Equal(keys.Length, runs);
    }
}

/// <summary>The backplane scenarios on a three-master Redis Cluster (PUBLISH reaches subscribers on every master).</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClusterBackplaneTests(RedisClusterFixture cluster, ITestOutputHelper output) : BackplaneScenarios(cluster, output)
{
    [Fact]
    public async Task Distributed_single_flight_holds_on_the_cluster()
    {
        var prefix = TestCache.NewPrefix();
        using var a = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        using var b = await TestCache.ConnectedAsync(Target.Configuration, prefix);
        var runs = 0;
        var options = new CacheEntryOptions { DistributedLock = true };
        async ValueTask<string> Factory(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(200, ct);
            return "v";
        }

        var values = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => (i % 2 == 0 ? a : b).Engine.GetOrCreateAsync("cold", Factory, options).AsTask())).Within();

        Assert.All(values, v => Assert.Equal("v", v));
        Assert.Equal(1, runs);
    }
}
