using Cached.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cached.Runtime.Tests;

public sealed class ExpiryTests
{
    [Fact]
    public async Task An_entry_is_a_hit_until_its_ttl_passes_then_a_miss()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var engine = cache.Engine;
        var runs = 0;
        var options = new CacheEntryOptions { Ttl = TimeSpan.FromMinutes(1) };
        ValueTask<int> Factory(CancellationToken _) => new(++runs);

        Assert.Equal(1, await engine.GetOrCreateAsync("k", Factory, options));
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, await engine.GetOrCreateAsync("k", Factory, options));
        Assert.True(engine.TryGet<int>("k", out _));

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(engine.TryGet<int>("k", out _));
        Assert.Equal(2, await engine.GetOrCreateAsync("k", Factory, options));
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task The_default_ttl_applies_when_the_call_gives_none()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(o => o.DefaultTtl = "30s", time);
        await cache.Engine.SetAsync("k", "v");

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(cache.Engine.TryGet<string>("k", out _));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(cache.Engine.TryGet<string>("k", out _));
    }

    [Fact]
    public async Task A_local_ttl_shortens_only_the_L1_copy()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        await cache.Engine.SetAsync("k", "v", new CacheEntryOptions { Ttl = TimeSpan.FromHours(1), LocalTtl = TimeSpan.FromSeconds(10) });

        time.Advance(TimeSpan.FromSeconds(11));
        Assert.False(cache.Engine.TryGet<string>("k", out _));
    }
}
