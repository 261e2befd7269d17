using System.Diagnostics.CodeAnalysis;
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

    [Fact]
    public async Task A_generated_copier_makes_the_copies_of_joined_callers_hits_and_write_through()
    {
        using var cache = TestCache.Create();
        var copier = new CountingCopier(accepts: true);
        var method = Copied(copier);
        var release = new TaskCompletionSource();
        var callers = Enumerable.Range(0, 3).Select(_ => method.GetOrCreateAsync(cache.Hybrid, "c|1", 0,
            async (_, _) => { await release.Task; return new Basket { Items = ["tea"] }; }, null, default).AsTask()).ToList();
        release.SetResult();
        var joined = await Task.WhenAll(callers);

        Assert.True(method.TryGetCompletedTask(cache.Hybrid, "c|1", out var hit));
        Assert.True(method.TryGetValue(cache.Hybrid, "c|1", out var valueHit));
        await method.SetAsync(cache.Hybrid, "c|2", new Basket { Items = ["cup"] }, null, default);
        Assert.True(method.TryGetValue(cache.Hybrid, "c|2", out var written));

        Assert.All(joined, basket => Assert.Equal(["tea", "copied"], basket.Items));
        Assert.Equal(["tea", "copied"], (await hit).Items);
        Assert.Equal(["tea", "copied"], valueHit.Items);
        Assert.Equal(["cup", "copied", "copied"], written.Items);
        Assert.Equal(7, copier.Calls);
    }

    [Fact]
    public async Task A_value_the_copier_turns_down_is_copied_through_the_serializer_and_not_offered_to_it_again()
    {
        using var cache = TestCache.Create();
        var copier = new CountingCopier(accepts: false);
        var method = Copied(copier);
        var produced = new Basket { Items = ["tea"] };

        var missed = await method.GetOrCreateAsync(cache.Hybrid, "d|1", 0, (_, _) => new ValueTask<Basket>(produced), null, default);
        Assert.True(method.TryGetValue(cache.Hybrid, "d|1", out var first));
        Assert.True(method.TryGetValue(cache.Hybrid, "d|1", out var second));

        Assert.Equal(2, copier.Calls);
        var all = new[] { produced, missed, first, second };
        Assert.Equal(all.Length, all.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.All(all, basket => Assert.Equal(["tea"], basket.Items));
    }

    private static CachedMethod<Basket> Copied(CountingCopier copier) =>
        new("Tests.Shop.GetCopiedBasket", "Tests.Shop.GetCopiedBasket#00", TimeSpan.FromMinutes(5), null, CacheStrategy.CacheAside)
        {
            CopyOnRead = true,
            Copier = copier.Copy,
        };

    /// <summary>Stands in for a generated copy: marks each copy it makes, or turns every value down.</summary>
    private sealed class CountingCopier(bool accepts)
    {
        private int _calls;

        public int Calls => _calls;

        public bool Copy(Basket value, [MaybeNullWhen(false)] out Basket copy)
        {
            Interlocked.Increment(ref _calls);
            copy = accepts ? new Basket { Items = [.. value.Items, "copied"] } : null;
            return accepts;
        }
    }

    public sealed class Basket
    {
        public List<string> Items { get; set; } = [];

        public Basket? Next { get; set; }
    }
}
