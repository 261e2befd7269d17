using System.Diagnostics;
using Cached.Runtime.Tests.Support;
using Cached.Telemetry;
using Xunit.Abstractions;

namespace Cached.Runtime.Tests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisL2Tests(RedisServerFixture redis, ITestOutputHelper output) : RedisL2Scenarios(redis)
{
    [Fact]
    public async Task With_Redis_down_a_request_is_served_by_the_factory_quickly_and_without_an_exception()
    {
        var watch = Stopwatch.StartNew();
        using var cache = TestCache.Create(o =>
        {
            o.Redis = $"127.0.0.1:{RedisServerFixture.ClosedPort()}";
            o.KeyPrefix = NewPrefix();
        });
        var engine = cache.Engine;
        var startup = watch.Elapsed;

        watch.Restart();
        var value = await engine.GetOrCreateAsync("k", _ => new ValueTask<string>("from the database"), tags: ["t"]).AsTask().Within();
        await engine.RemoveByTagAsync("t").AsTask().Within();
        await engine.SetAsync("k2", "v").AsTask().Within();
        await engine.RemoveAsync("k2").AsTask().Within();
        var requests = watch.Elapsed;

        Assert.Equal("from the database", value);
        output.WriteLine($"startup (multiplexer and engine) {startup.TotalMilliseconds:F0} ms; four calls {requests.TotalMilliseconds:F0} ms");

        // Hang guards, not benchmarks: a dead Redis is skipped, not waited for on every call.
        Assert.True(requests < TimeSpan.FromSeconds(5), $"requests took {requests}");
        Assert.True(startup < TimeSpan.FromSeconds(20), $"startup took {startup}");
    }

    [Fact]
    public async Task With_Redis_stuck_every_call_is_bounded_by_the_L2_timeout()
    {
        const string name = "Tests.Redis.Stuck";
        using var errors = new CounterRecorder(CachedMetrics.L2ErrorsName, name);
        using var proxy = new FreezableProxy(((RedisServerFixture)Target).Port);

        // The multiplexer's own timeout is long, so only the engine's bound can make the calls return early.
        using var cache = TestCache.Create(o =>
        {
            o.Redis = $"127.0.0.1:{proxy.Port},asyncTimeout=60000,syncTimeout=60000";
            o.L2.Timeout = "200ms";
            o.KeyPrefix = NewPrefix();
        });
        await Eventually.HoldsAsync(
            () => cache.Engine.L2!.IsConnected && cache.Engine.Backplane!.IsSubscribed, "the engine is connected to Redis through the proxy");

        proxy.Freeze();
        var watch = Stopwatch.StartNew();
        var value = await cache.Engine.GetOrCreateAsync(
            "k", _ => new ValueTask<string>("from the database"), new CacheEntryOptions { Name = name }, ["t"]).AsTask().Within();
        var elapsed = watch.Elapsed;
        proxy.Thaw();

        Assert.Equal("from the database", value);
        Assert.Equal(2, errors.Total); // the read and the write, each abandoned after 200 ms
        output.WriteLine($"a miss with Redis stuck took {elapsed.TotalMilliseconds:F0} ms");

        // Generous: the bound is 2 × 200 ms; without it the calls would wait for the 60 s multiplexer timeout.
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed}");
    }
}
