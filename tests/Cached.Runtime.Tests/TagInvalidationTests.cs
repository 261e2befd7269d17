using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests;

public sealed class TagInvalidationTests
{
    [Fact]
    public async Task A_tag_invalidation_makes_every_entry_carrying_the_tag_a_miss()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        await engine.SetAsync("product:1", "p1", tags: ["product:1", "category:toys"]);
        await engine.SetAsync("product:2", "p2", tags: ["product:2", "category:toys"]);
        await engine.SetAsync("product:3", "p3", tags: ["product:3", "category:books"]);
        await engine.SetAsync("untagged", "u");

        await engine.RemoveByTagAsync("category:toys");

        Assert.False(engine.TryGet<string>("product:1", out _));
        Assert.False(engine.TryGet<string>("product:2", out _));
        Assert.True(engine.TryGet<string>("product:3", out var p3));
        Assert.Equal("p3", p3);
        Assert.True(engine.TryGet<string>("untagged", out _));
    }

    [Fact]
    public async Task An_entry_created_after_the_invalidation_is_valid()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        await engine.SetAsync("k", "old", tags: ["t"]);
        await engine.RemoveByTagAsync("t");

        var runs = 0;
        var value = await engine.GetOrCreateAsync("k", _ => { runs++; return new ValueTask<string>("new"); }, tags: ["t"]);
        Assert.Equal("new", value);
        Assert.True(engine.TryGet<string>("k", out var stored));
        Assert.Equal("new", stored);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task The_star_tag_invalidates_everything()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        await engine.SetAsync("a", 1, tags: ["x"]);
        await engine.SetAsync("b", 2);

        await engine.RemoveByTagAsync("*");

        Assert.False(engine.TryGet<int>("a", out _));
        Assert.False(engine.TryGet<int>("b", out _));
    }

    [Fact]
    public async Task Invalidating_many_tags_at_once_invalidates_each()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        await engine.SetAsync("a", 1, tags: ["x"]);
        await engine.SetAsync("b", 2, tags: ["y"]);
        await engine.SetAsync("c", 3, tags: ["z"]);

        await engine.RemoveByTagAsync(["x", "y"]);

        Assert.False(engine.TryGet<int>("a", out _));
        Assert.False(engine.TryGet<int>("b", out _));
        Assert.True(engine.TryGet<int>("c", out _));
    }

    [Fact]
    public async Task Removing_keys_removes_only_those_entries()
    {
        using var cache = TestCache.Create();
        var engine = cache.Engine;
        await engine.SetAsync("a", 1);
        await engine.SetAsync("b", 2);
        await engine.SetAsync("c", 3);

        await engine.RemoveAsync("a");
        await engine.RemoveAsync(["b"]);

        Assert.False(engine.TryGet<int>("a", out _));
        Assert.False(engine.TryGet<int>("b", out _));
        Assert.True(engine.TryGet<int>("c", out _));
    }

    [Fact]
    public async Task Stamps_older_than_the_longest_ttl_are_forgotten_and_younger_ones_kept()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var cache = TestCache.Create(o => o.L1.MaxEntries = 100, time);
        var engine = cache.Engine;
        await engine.SetAsync("k", 1, new CacheEntryOptions { Ttl = TimeSpan.FromMinutes(1) }, tags: ["young"]);

        for (var i = 0; i < 3_000; i++)
        {
            await engine.RemoveByTagAsync($"tag{i}");
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(engine.TagStamps.Count, 1, 1_100);
        Assert.NotEqual(0, engine.TagStamps.Get("tag2999"));
        Assert.Equal(0, engine.TagStamps.Get("tag0"));
    }
}
