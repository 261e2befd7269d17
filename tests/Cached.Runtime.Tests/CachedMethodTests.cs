using Cached.Generated;
using Cached.Runtime.Tests.Support;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Cached.Runtime.Tests;

public sealed class CachedMethodTests
{
    private static readonly CachedMethod<string> s_method =
        new("Tests.Catalog.GetName", "Tests.Catalog.GetName#00", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10), CacheStrategy.CacheAside);

    [Fact]
    public async Task Over_Cacheds_HybridCache_the_miss_path_stores_in_the_engine()
    {
        using var cache = TestCache.Create();
        var runs = 0;
        var value = await s_method.GetOrCreateAsync(cache.Hybrid, "Tests.Catalog.GetName#00|1", 1,
            (id, _) => { runs++; return new ValueTask<string>($"n{id}"); }, ["product:1"], default);

        Assert.Equal("n1", value);
        Assert.True(s_method.TryGetCompletedTask(cache.Hybrid, "Tests.Catalog.GetName#00|1", out var task));
        Assert.Equal("n1", await task);
        Assert.True(cache.Engine.L1.TryGet("Tests.Catalog.GetName#00|1", out var entry));
        Assert.Equal(["product:1"], entry.Tags);

        await cache.Hybrid.RemoveByTagAsync("product:1");
        Assert.False(s_method.TryGetValue(cache.Hybrid, "Tests.Catalog.GetName#00|1", out _));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Over_another_HybridCache_the_fast_paths_miss_and_its_public_API_is_used()
    {
        var services = new ServiceCollection();
        services.AddHybridCache();
        using var provider = services.BuildServiceProvider();
        var foreign = provider.GetRequiredService<HybridCache>();
        Assert.IsNotType<CachedHybridCache>(foreign);

        var runs = 0;
        for (var i = 0; i < 3; i++)
        {
            var value = await s_method.GetOrCreateAsync(foreign, "Tests.Catalog.GetName#00|2", 2,
                (id, _) => { runs++; return new ValueTask<string>($"n{id}"); }, ["product:2"], default);
            Assert.Equal("n2", value);
        }

        Assert.Equal(1, runs);
        Assert.False(s_method.TryGetCompletedTask(foreign, "Tests.Catalog.GetName#00|2", out _));
        Assert.False(s_method.TryGetValue(foreign, "Tests.Catalog.GetName#00|2", out _));

        await foreign.RemoveByTagAsync("product:2");
        await s_method.GetOrCreateAsync(foreign, "Tests.Catalog.GetName#00|2", 2,
            (id, _) => { runs++; return new ValueTask<string>($"n{id}"); }, ["product:2"], default);
        Assert.Equal(2, runs);
    }

    [Fact]
    public void The_synchronous_path_returns_the_value_and_caches_it()
    {
        using var cache = TestCache.Create();
        var runs = 0;
        var first = s_method.GetOrCreate(cache.Hybrid, "Tests.Catalog.GetName#00|3", 3, id => { runs++; return $"n{id}"; }, null);
        var second = s_method.GetOrCreate(cache.Hybrid, "Tests.Catalog.GetName#00|3", 3, id => { runs++; return $"n{id}"; }, null);

        Assert.Equal("n3", first);
        Assert.Equal("n3", second);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Metrics_count_hits_misses_and_factory_runs_by_method()
    {
        const string name = "Tests.Metrics.Get";
        var method = new CachedMethod<int>(name, name + "#0", TimeSpan.FromMinutes(1), null, CacheStrategy.CacheAside);
        using var hits = new CounterRecorder(Telemetry.CachedMetrics.L1HitsName, name);
        using var misses = new CounterRecorder(Telemetry.CachedMetrics.MissesName, name);
        using var runs = new CounterRecorder(Telemetry.CachedMetrics.FactoryRunsName, name);
        using var cache = TestCache.Create();

        await method.GetOrCreateAsync(cache.Hybrid, name + "#0|1", 1, static (s, _) => new ValueTask<int>(s), null, default);
        Assert.True(method.TryGetValue(cache.Hybrid, name + "#0|1", out _));
        Assert.True(method.TryGetValue(cache.Hybrid, name + "#0|1", out _));

        Assert.Equal(2, hits.Total);
        Assert.Equal(1, misses.Total);
        Assert.Equal(1, runs.Total);
    }

    [Fact]
    public async Task Write_through_stores_the_value_after_the_writes_invalidation_with_the_methods_ttl()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var cache = TestCache.Create(time: time);
        const string key = "Tests.Catalog.GetName#00|4";
        await s_method.GetOrCreateAsync(cache.Hybrid, key, 4, static (id, _) => new ValueTask<string>("old"), ["product:4"], default);

        // What a generated [InvalidatesCache] write of a WriteThrough method does: invalidate, then store the result.
        await cache.Hybrid.RemoveByTagAsync("product:4");
        await s_method.SetAsync(cache.Hybrid, key, "new", ["product:4"], default);

        Assert.True(s_method.TryGetValue(cache.Hybrid, key, out var value));
        Assert.Equal("new", value);
        Assert.True(cache.Engine.L1.TryGet(key, out var entry));
        Assert.InRange(TimeSpan.FromTicks(entry.ExpiresAtTicks - time.GetUtcNow().UtcTicks), TimeSpan.FromSeconds(290), TimeSpan.FromSeconds(310));

        await s_method.RemoveAsync(cache.Hybrid, key, default);
        Assert.False(s_method.TryGetValue(cache.Hybrid, key, out _));
    }
}
