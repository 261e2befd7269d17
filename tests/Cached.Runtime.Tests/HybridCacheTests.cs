using Cached.Runtime.Tests.Support;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Time.Testing;

namespace Cached.Runtime.Tests;

public sealed class HybridCacheTests
{
    [Fact]
    public async Task GetOrCreateAsync_caches_through_the_engine()
    {
        using var cache = TestCache.Create();
        var runs = 0;
        for (var i = 0; i < 3; i++)
        {
            var value = await cache.Hybrid.GetOrCreateAsync("k", ct => { runs++; return new ValueTask<string>("v"); }, tags: ["t"]);
            Assert.Equal("v", value);
        }

        Assert.Equal(1, runs);
        Assert.True(cache.Engine.TryGet<string>("k", out _));
    }

    [Fact]
    public async Task Expiration_and_local_expiration_are_honoured()
    {
        var time = new FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        var options = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
        await cache.Hybrid.GetOrCreateAsync("k", _ => new ValueTask<int>(1), options);

        Assert.True(cache.Engine.L1.TryGet("k", out var entry));
        Assert.Equal(TimeSpan.FromMinutes(1), TimeSpan.FromTicks(entry.ExpiresAtTicks - time.GetUtcNow().UtcTicks));
    }

    [Fact]
    public async Task Flags_that_disable_the_local_cache_are_honoured()
    {
        using var cache = TestCache.Create();
        var options = new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableLocalCacheWrite };
        var runs = 0;
        await cache.Hybrid.GetOrCreateAsync("k", _ => new ValueTask<int>(++runs), options);
        await cache.Hybrid.GetOrCreateAsync("k", _ => new ValueTask<int>(++runs), options);

        Assert.Equal(2, runs);
        Assert.False(cache.Engine.TryGet<int>("k", out _));
    }

    [Fact]
    public async Task DisableUnderlyingData_returns_default_without_running_the_factory()
    {
        using var cache = TestCache.Create();
        var options = new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableUnderlyingData };
        var value = await cache.Hybrid.GetOrCreateAsync<string>("k", _ => throw new InvalidOperationException("must not run"), options);
        Assert.Null(value);
    }

    [Fact]
    public async Task Set_remove_and_remove_by_tag_reach_the_engine()
    {
        using var cache = TestCache.Create();
        await cache.Hybrid.SetAsync("a", 1, tags: ["x"]);
        await cache.Hybrid.SetAsync("b", 2);
        await cache.Hybrid.SetAsync("c", 3);
        Assert.True(cache.Engine.TryGet<int>("a", out _));

        await cache.Hybrid.RemoveByTagAsync("x");
        await cache.Hybrid.RemoveAsync("b");
        await cache.Hybrid.RemoveAsync(["c"]);

        Assert.False(cache.Engine.TryGet<int>("a", out _));
        Assert.False(cache.Engine.TryGet<int>("b", out _));
        Assert.False(cache.Engine.TryGet<int>("c", out _));
    }
}
