using Cached.Generated;
using Cached.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cached.Runtime.Tests;

public sealed class JitterTests
{
    [Fact]
    public async Task Stored_ttls_lie_within_ttl_plus_or_minus_jitter_and_are_spread()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var engine = cache.Engine;
        var options = new CacheEntryOptions { Ttl = TimeSpan.FromMinutes(10), Jitter = TimeSpan.FromMinutes(1) };

        var ttls = new List<TimeSpan>();
        for (var i = 0; i < 200; i++)
        {
            await engine.GetOrCreateAsync($"key{i}", _ => new ValueTask<int>(i), options);
            ttls.Add(StoredTtl(engine, $"key{i}", time));
        }

        Assert.All(ttls, ttl => Assert.InRange(ttl, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11)));
        Assert.True(ttls.Distinct().Count() > 100, $"only {ttls.Distinct().Count()} distinct TTLs out of 200");
        Assert.Contains(ttls, ttl => ttl < TimeSpan.FromMinutes(10));
        Assert.Contains(ttls, ttl => ttl > TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Jitter_larger_than_the_ttl_is_clamped_above_zero()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var options = new CacheEntryOptions { Ttl = TimeSpan.FromSeconds(1), Jitter = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 100; i++)
        {
            await cache.Engine.GetOrCreateAsync($"key{i}", _ => new ValueTask<int>(i), options);
            Assert.InRange(StoredTtl(cache.Engine, $"key{i}", time), TimeSpan.FromTicks(1), TimeSpan.FromSeconds(6));
        }
    }

    [Fact]
    public async Task A_method_without_ttl_or_jitter_takes_the_configured_defaults()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(o => { o.DefaultTtl = "2h"; o.DefaultJitter = "10m"; }, time);
        var method = new CachedMethod<int>("Tests.Defaults", "Tests.Defaults#0", ttl: null, jitter: null, CacheStrategy.CacheAside);

        var ttls = new List<TimeSpan>();
        for (var i = 0; i < 50; i++)
        {
            await method.GetOrCreateAsync(cache.Hybrid, $"Tests.Defaults#0|{i}", i, static (s, _) => new ValueTask<int>(s), null, default);
            ttls.Add(StoredTtl(cache.Engine, $"Tests.Defaults#0|{i}", time));
        }

        Assert.All(ttls, ttl => Assert.InRange(ttl, TimeSpan.FromMinutes(110), TimeSpan.FromMinutes(130)));
        Assert.True(ttls.Distinct().Count() > 1);
    }

    [Fact]
    public async Task A_method_ttl_without_jitter_is_stored_exactly_when_the_default_jitter_is_zero()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var method = new CachedMethod<int>("Tests.Exact", "Tests.Exact#0", TimeSpan.FromSeconds(30), jitter: null, CacheStrategy.CacheAside);
        await method.GetOrCreateAsync(cache.Hybrid, "Tests.Exact#0|1", 1, static (s, _) => new ValueTask<int>(s), null, default);
        Assert.Equal(TimeSpan.FromSeconds(30), StoredTtl(cache.Engine, "Tests.Exact#0|1", time));
    }

    private static TimeSpan StoredTtl(CacheEngine engine, string key, FakeTimeProvider time)
    {
        Assert.True(engine.L1.TryGet(key, out var entry), $"{key} is not in L1");
        return TimeSpan.FromTicks(entry.ExpiresAtTicks - time.GetUtcNow().UtcTicks);
    }
}
