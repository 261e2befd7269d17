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
}
