using Cached.Generated;
using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests;

/// <summary>Measures allocations on this thread, so it runs alone: nothing else may listen to the meter meanwhile.</summary>
[Collection(NonParallel.Name)]
public sealed class AllocationTests
{
    private static readonly CachedMethod<string> s_method =
        new("Tests.Catalog.GetNameAsync", "Tests.Catalog.GetNameAsync#1f2e", TimeSpan.FromMinutes(5), null, CacheStrategy.CacheAside);

    [Fact]
    public async Task An_L1_hit_through_CachedMethod_allocates_nothing()
    {
        using var cache = TestCache.Create();
        var hybrid = cache.Hybrid;
        var key = BuildKey(42);
        await s_method.GetOrCreateAsync(hybrid, key, 42, static (id, _) => new ValueTask<string>($"product {id}"), ["product:42"], default);

        // Warm up: JIT, tiering, the entry's completed task; and an invalidation elsewhere, so the hit re-checks tags once.
        await cache.Engine.RemoveByTagAsync("product:1");
        for (var i = 0; i < 1_000; i++)
        {
            Hit(hybrid);
            HitValue(hybrid);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            Hit(hybrid);
            HitValue(hybrid);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task A_hit_returns_the_same_completed_task_every_time()
    {
        using var cache = TestCache.Create();
        var key = BuildKey(7);
        await s_method.GetOrCreateAsync(cache.Hybrid, key, 7, static (id, _) => new ValueTask<string>($"product {id}"), null, default);

        Assert.True(s_method.TryGetCompletedTask(cache.Hybrid, key, out var first));
        Assert.True(s_method.TryGetCompletedTask(cache.Hybrid, key, out var second));
        Assert.Same(first, second);
        Assert.Equal("product 7", await first);
    }

    // What generated code does: the key is built in a stack buffer and looked up as a span.
    private static void Hit(Microsoft.Extensions.Caching.Hybrid.HybridCache hybrid)
    {
        var builder = new CacheKeyBuilder(stackalloc char[128], s_method.KeyPrefix);
        builder.Append(42);
        var hit = s_method.TryGetCompletedTask(hybrid, builder.Written, out var task);
        builder.Dispose();
        if (!hit || task!.Result != "product 42")
        {
            throw new InvalidOperationException("expected an L1 hit");
        }
    }

    private static void HitValue(Microsoft.Extensions.Caching.Hybrid.HybridCache hybrid)
    {
        var builder = new CacheKeyBuilder(stackalloc char[128], s_method.KeyPrefix);
        builder.Append(42);
        var hit = s_method.TryGetValue(hybrid, builder.Written, out var value);
        builder.Dispose();
        if (!hit || value != "product 42")
        {
            throw new InvalidOperationException("expected an L1 hit");
        }
    }

    private static string BuildKey(int id)
    {
        var builder = new CacheKeyBuilder(stackalloc char[128], s_method.KeyPrefix);
        builder.Append(id);
        var key = builder.ToString();
        builder.Dispose();
        return key;
    }
}
