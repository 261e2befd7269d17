using Cached.Generated;
using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests;

/// <summary>A method whose result type is mutable (the generator sets <c>CopyOnRead</c>): no two callers share an instance.</summary>
public sealed class CopyOnReadTests
{
    private static readonly CachedMethod<Basket> s_baskets =
        new("Tests.Shop.GetBasket", "Tests.Shop.GetBasket#00", TimeSpan.FromMinutes(5), null, CacheStrategy.CacheAside) { CopyOnRead = true };

    private static readonly CachedMethod<Basket> s_sharedBaskets =
        new("Tests.Shop.GetSharedBasket", "Tests.Shop.GetSharedBasket#00", TimeSpan.FromMinutes(5), null, CacheStrategy.CacheAside);

    [Fact]
    public async Task Hits_and_joined_callers_each_get_a_copy_and_L1_keeps_the_original()
    {
        using var cache = TestCache.Create();
        var release = new TaskCompletionSource();
        var produced = new Basket { Items = ["tea"] };
        var callers = Enumerable.Range(0, 4).Select(_ => s_baskets.GetOrCreateAsync(cache.Hybrid, "b|1", 0,
            async (_, _) => { await release.Task; return produced; }, null, default).AsTask()).ToList();
        release.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.True(s_baskets.TryGetCompletedTask(cache.Hybrid, "b|1", out var hit));
        var all = results.Append(await hit).Append(produced).ToList();
        Assert.Equal(all.Count, all.Distinct(ReferenceEqualityComparer.Instance).Count());

        foreach (var basket in results)
        {
            basket.Items.Add("changed");
        }

        Assert.True(s_baskets.TryGetValue(cache.Hybrid, "b|1", out var after));
        Assert.Equal(["tea"], after.Items);
    }

    [Fact]
    public async Task Write_through_stores_a_copy_that_the_writers_later_changes_do_not_reach()
    {
        using var cache = TestCache.Create();
        var written = new Basket { Items = ["tea"] };

        await s_baskets.SetAsync(cache.Hybrid, "b|2", written, null, default);
        written.Items.Add("changed after the write");

        Assert.True(s_baskets.TryGetValue(cache.Hybrid, "b|2", out var read));
        Assert.Equal(["tea"], read.Items);
    }

    [Fact]
    public async Task Without_CopyOnRead_hits_share_the_stored_instance()
    {
        using var cache = TestCache.Create();
        var produced = new Basket { Items = ["tea"] };
        await s_sharedBaskets.GetOrCreateAsync(cache.Hybrid, "s|1", 0, (_, _) => new ValueTask<Basket>(produced), null, default);

        Assert.True(s_sharedBaskets.TryGetValue(cache.Hybrid, "s|1", out var hit));
        Assert.Same(produced, hit);
    }

    [Fact]
    public async Task A_value_the_serializer_cannot_copy_is_shared_rather_than_failing_the_call()
    {
        using var cache = TestCache.Create();
        var looped = new Basket { Items = ["tea"] };
        looped.Next = looped;

        var value = await s_baskets.GetOrCreateAsync(cache.Hybrid, "b|3", 0, (_, _) => new ValueTask<Basket>(looped), null, default);

        Assert.Same(looped, value);
        Assert.True(s_baskets.TryGetValue(cache.Hybrid, "b|3", out var hit));
        Assert.Same(looped, hit);
    }

    public sealed class Basket
    {
        public List<string> Items { get; set; } = [];

        public Basket? Next { get; set; }
    }
}
