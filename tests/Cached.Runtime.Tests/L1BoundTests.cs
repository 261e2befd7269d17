using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests;

public sealed class L1BoundTests
{
    [Fact]
    public async Task Inserting_more_than_MaxEntries_keeps_the_count_bounded()
    {
        using var cache = TestCache.Create(o => o.L1.MaxEntries = 100);
        var engine = cache.Engine;
        for (var i = 0; i < 1_000; i++)
        {
            await engine.SetAsync($"key{i}", i);
            Assert.InRange(engine.L1.Count, 1, 100);
        }

        Assert.True(engine.TryGet<int>("key999", out _), "the newest entry survives");
    }

    [Fact]
    public async Task Concurrent_inserts_leave_the_count_bounded()
    {
        using var cache = TestCache.Create(o => o.L1.MaxEntries = 500);
        var engine = cache.Engine;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                await engine.SetAsync($"w{worker}:{i}", i);
            }
        }))).Within();

        Assert.InRange(engine.L1.Count, 1, 500);
    }

    [Fact]
    public async Task Recently_hit_entries_survive_eviction()
    {
        using var cache = TestCache.Create(o => o.L1.MaxEntries = 100);
        var engine = cache.Engine;
        for (var i = 0; i < 100; i++)
        {
            await engine.SetAsync($"key{i}", i);
        }

        // The access clock has millisecond resolution: let it move so the hits below are strictly newer.
        await Task.Delay(20);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(engine.TryGet<int>($"key{i}", out _));
        }

        for (var i = 100; i < 150; i++)
        {
            await engine.SetAsync($"key{i}", i);
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.True(engine.TryGet<int>($"key{i}", out _), $"key{i} was hit recently and must not be evicted");
        }
    }

    [Fact]
    public async Task Stale_entries_are_evicted_before_live_ones()
    {
        using var cache = TestCache.Create(o => o.L1.MaxEntries = 100);
        var engine = cache.Engine;
        for (var i = 0; i < 100; i++)
        {
            await engine.SetAsync($"key{i}", i, tags: i < 50 ? ["old"] : null);
        }

        await engine.RemoveByTagAsync("old");
        await engine.SetAsync("one more", 0);

        for (var i = 50; i < 100; i++)
        {
            Assert.True(engine.TryGet<int>($"key{i}", out _), $"key{i} is live and must not be evicted while stale entries remain");
        }
    }

    [Fact]
    public async Task A_burst_of_one_off_keys_does_not_evict_the_hot_set()
    {
        using var cache = TestCache.Create(o => o.L1.MaxEntries = 100);
        var engine = cache.Engine;
        for (var i = 0; i < 50; i++)
        {
            await engine.SetAsync($"hot{i}", i);
        }

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.True(engine.TryGet<int>($"hot{i}", out _));
            }
        }

        // Ten times the bound of keys read once each: an LRU would have pushed every hot key out.
        for (var i = 0; i < 1_000; i++)
        {
            await engine.SetAsync($"once{i}", i);
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.True(engine.TryGet<int>($"hot{i}", out _), $"hot{i} was hit twice and must outlive one-off keys");
        }

        Assert.InRange(engine.L1.Count, 51, 100);
    }

    [Fact]
    public async Task A_key_evicted_soon_after_its_first_use_comes_back_to_stay()
    {
        using var cache = TestCache.Create(o => o.L1.MaxEntries = 100);
        var engine = cache.Engine;
        await engine.SetAsync("returning", 0);
        for (var i = 0; i < 150; i++)
        {
            await engine.SetAsync($"first{i}", i);
        }

        Assert.False(engine.TryGet<int>("returning", out _), "an entry never hit leaves with the first burst");

        // Its key is remembered: stored again, it skips the probation queue and survives the next burst.
        await engine.SetAsync("returning", 1);
        for (var i = 0; i < 150; i++)
        {
            await engine.SetAsync($"second{i}", i);
        }

        Assert.True(engine.TryGet<int>("returning", out var value));
        Assert.Equal(1, value);
    }

    [Fact]
    public async Task Entries_expire_on_the_system_clock()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        await engine.SetAsync("short", 1, new CacheEntryOptions { Ttl = TimeSpan.FromMilliseconds(100), Jitter = TimeSpan.Zero });
        Assert.True(engine.TryGet<int>("short", out _));

        await Task.Delay(300);
        Assert.False(engine.TryGet<int>("short", out _), "an entry past its TTL is not served");
    }
}
