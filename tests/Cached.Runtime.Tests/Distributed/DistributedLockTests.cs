using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cached.Runtime.Tests.Distributed;

/// <summary>With <c>DistributedLock</c>, one factory run across every node for a cold key.</summary>
[Collection(RedisCollection.Name)]
public sealed class DistributedLockTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Nodes = 3;
    private const int CallersPerNode = 200;

    [Fact]
    public async Task Concurrent_misses_on_every_node_run_the_factory_once_in_the_cluster()
    {
        var prefix = TestCache.NewPrefix();
        var nodes = new List<TestCache>();
        for (var i = 0; i < Nodes; i++)
        {
            nodes.Add(await TestCache.ConnectedAsync(redis.Configuration, prefix));
        }

        try
        {
            var runs = 0;
            var options = new CacheEntryOptions { DistributedLock = true, Name = "Tests.DistributedLock" };
            async ValueTask<string> Factory(CancellationToken ct)
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(200, ct); // a slow query: every caller on every node arrives while it runs
                return "from the database";
            }

            using var gate = new ManualResetEventSlim();
            var callers = nodes.SelectMany(node => Enumerable.Range(0, CallersPerNode).Select(_ => Task.Run(async () =>
            {
                gate.Wait();
                return await node.Engine.GetOrCreateAsync("report|cold", Factory, options, ["reports"]);
            }))).ToArray();
            gate.Set();

            var values = await Task.WhenAll(callers).Within();

            output.WriteLine($"{Nodes} nodes × {CallersPerNode} concurrent callers on a cold key: {runs} factory run(s)");
            Assert.All(values, value => Assert.Equal("from the database", value));
            Assert.Equal(1, runs);
        }
        finally
        {
            nodes.ForEach(node => node.Dispose());
        }
    }

    [Fact]
    public async Task A_factory_slower_than_the_lease_keeps_it_so_no_other_node_runs_the_same_factory()
    {
        var prefix = TestCache.NewPrefix();
        // Renewed every second: a stall of the test machine's thread pool shorter than two seconds does not lose it.
        static void ShortLease(CachedOptions o) => o.LockLease = TimeSpan.FromSeconds(3);
        using var holder = await TestCache.ConnectedAsync(redis.Configuration, prefix, ShortLease);
        using var waiter = await TestCache.ConnectedAsync(redis.Configuration, prefix, ShortLease);
        var options = new CacheEntryOptions { DistributedLock = true };
        var runs = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async ValueTask<string> SlowFactory(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            started.TrySetResult();
            await Task.Delay(7_000, ct); // more than two leases long
            return "from the slow query";
        }

        var holding = holder.Engine.GetOrCreateAsync("slow|1", SlowFactory, options).AsTask();
        await started.Task.Within();
        var waited = await waiter.Engine.GetOrCreateAsync("slow|1", SlowFactory, options).AsTask().Within();

        Assert.Equal("from the slow query", waited);
        Assert.Equal("from the slow query", await holding.Within());
        Assert.Equal(1, runs);
        await using var raw = await redis.ConnectAsync();
        Assert.False(await raw.GetDatabase().KeyExistsAsync($"{prefix}:l:slow|1"), "the lease is released once the factory is done");
    }

    [Fact]
    public async Task A_waiting_node_runs_the_factory_itself_when_the_holder_never_delivers()
    {
        var prefix = TestCache.NewPrefix();
        using var holder = await TestCache.ConnectedAsync(redis.Configuration, prefix);
        using var waiter = await TestCache.ConnectedAsync(redis.Configuration, prefix, o => o.LockWait = TimeSpan.FromMilliseconds(300));
        var options = new CacheEntryOptions { DistributedLock = true };
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = holder.Engine.GetOrCreateAsync("k", async _ => { started.SetResult(); return await release.Task; }, options).AsTask();
        await started.Task.Within();

        var value = await waiter.Engine.GetOrCreateAsync("k", _ => new ValueTask<string>("fallback"), options).AsTask().Within();

        Assert.Equal("fallback", value); // bounded wait, then its own factory
        release.SetResult("late");
        await stuck.Within();
    }

    [Fact]
    public async Task Without_Redis_a_distributed_lock_is_a_local_single_flight()
    {
        using var cache = TestCache.Create(o =>
        {
            o.Redis = $"127.0.0.1:{RedisServerFixture.ClosedPort()}";
            o.KeyPrefix = TestCache.NewPrefix();
        });
        var runs = 0;
        var options = new CacheEntryOptions { DistributedLock = true };
        var values = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => cache.Engine.GetOrCreateAsync("k", async _ =>
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(100);
            return "v";
        }, options).AsTask())).Within();

        Assert.All(values, v => Assert.Equal("v", v));
        Assert.Equal(1, runs);
    }
}
