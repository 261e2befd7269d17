using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;
using Cached.Telemetry;

namespace Cached.Runtime.Tests.Distributed;

/// <summary>A stuck Redis opens the breaker: no more calls (and no more timeouts) until a probe succeeds.</summary>
[Collection(RedisCollection.Name)]
public sealed class CircuitBreakerTests(RedisServerFixture redis)
{
    [Fact]
    public async Task A_stuck_Redis_opens_the_breaker_and_its_recovery_closes_it_with_a_resync()
    {
        const string name = "Tests.Breaker";
        using var errors = new CounterRecorder(CachedMetrics.L2ErrorsName, name);
        using var proxy = new FreezableProxy(redis.Port);
        using var cache = await TestCache.ConnectedAsync($"127.0.0.1:{proxy.Port},asyncTimeout=60000", TestCache.NewPrefix(), o =>
        {
            o.L2.Timeout = "100ms";
            o.BreakerThreshold = 3;
            o.BreakerDuration = TimeSpan.FromSeconds(3); // long enough that no probe slips into the "open" phase on a loaded machine
        });
        var engine = cache.Engine;
        var options = new CacheEntryOptions { Name = name };

        proxy.Freeze();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("db", await engine.GetOrCreateAsync($"k{i}", _ => new ValueTask<string>("db"), options).AsTask().Within());
        }

        Assert.True(engine.L2!.Breaker.IsOpen, "three failed calls open the breaker");
        var errorsWhenOpened = errors.Total;
        for (var i = 3; i < 50; i++)
        {
            Assert.Equal("db", await engine.GetOrCreateAsync($"k{i}", _ => new ValueTask<string>("db"), options).AsTask().Within());
        }

        Assert.Equal(errorsWhenOpened, errors.Total); // open: no call made, so no call timed out
        var resyncs = engine.Resyncs;

        proxy.Thaw();
        var probes = 0;
        await Eventually.HoldsAsync(() =>
        {
            _ = engine.GetOrCreateAsync($"probe{probes++}", _ => new ValueTask<string>("db")).AsTask(); // misses: they reach L2
            return !engine.L2.Breaker.IsOpen;
        }, "a probe after the break closes the breaker");
        Assert.True(engine.Resyncs > resyncs, "closing the breaker resynchronises L1");
        Assert.False(engine.TryGet<string>("k10", out _), "what was cached while Redis was unreachable is dropped");
    }
}
