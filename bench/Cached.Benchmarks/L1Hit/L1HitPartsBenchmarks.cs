using BenchmarkDotNet.Attributes;
using BitFaster.Caching;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Scheduler;
using Cached.Generated;
using Microsoft.Extensions.DependencyInjection;

namespace Cached.Benchmarks.L1Hit;

/// <summary>
/// The pieces of a Cached L1 hit, one row each, to see where its time goes: building the key, the clock read of the
/// expiry check, the L1 store's lookup, the engine's fresh-entry test, and the policy object's whole fast path; plus
/// the W-TinyLFU lookup with thread-pool maintenance, the alternative to the store's caller-thread maintenance.
/// </summary>
[MemoryDiagnoser]
public class L1HitPartsBenchmarks
{
    private static readonly CachedMethod<ImmutableItem> s_method = new(
        "Cached.Benchmarks.L1Hit.ItemService.GetAsync",
        "Cached.Benchmarks.L1Hit.ItemService.GetAsync(int,System.Threading.CancellationToken)#00000000",
        TimeSpan.FromHours(1),
        null,
        CacheStrategy.CacheAside);

    private readonly ConcurrentLfu<string, ImmutableItem> _lfuOnThreadPool =
        new(Environment.ProcessorCount, 10_000, new ThreadPoolScheduler(), StringComparer.Ordinal);

    private IAlternateLookup<ReadOnlySpan<char>, string, ImmutableItem> _lfuOnThreadPoolBySpan = null!;
    private ServiceProvider _provider = null!;
    private CachedHybridCache _cache = null!;
    private string _key = "";
    private int _id = 42;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _provider = new ServiceCollection().AddCached(_ => { }).BuildServiceProvider();
        _cache = _provider.GetRequiredService<CachedHybridCache>();
        _key = BuiltKey();
        await s_method.GetOrCreateAsync(_cache, _key, 0, static (_, _) => ValueTask.FromResult(new ImmutableItem(42, "item", 9.99m)), null, default);
        _lfuOnThreadPool.AddOrUpdate(_key, new ImmutableItem(42, "item", 9.99m));
        _lfuOnThreadPoolBySpan = _lfuOnThreadPool.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Description = "build the key (1 int)")]
    public int BuildKey()
    {
        var key = new CacheKeyBuilder(stackalloc char[128], s_method.KeyPrefix);
        key.Append(_id);
        var length = key.Written.Length;
        key.Dispose();
        return length;
    }

    [Benchmark(Description = "TimeProvider.System.GetUtcNow()")]
    public long Clock() => TimeProvider.System.GetUtcNow().UtcTicks;

    [Benchmark(Description = "L1 store lookup by span")]
    public bool StoreLookup() => _cache.Engine.L1.TryGet(_key.AsSpan(), out _);

    [Benchmark(Description = "engine: fresh entry by span")]
    public bool FreshEntry() => _cache.Engine.TryGetFresh<ImmutableItem>(_key.AsSpan(), out _);

    [Benchmark(Description = "CachedMethod fast path, prebuilt key")]
    public bool FastPath() => s_method.TryGetCompletedTask(_cache, _key.AsSpan(), out _);

    [Benchmark(Description = "W-TinyLFU lookup, thread-pool maintenance")]
    public bool LfuOnThreadPool() => _lfuOnThreadPoolBySpan.TryGet(_key.AsSpan(), out _);

    private string BuiltKey()
    {
        var key = new CacheKeyBuilder(stackalloc char[128], s_method.KeyPrefix);
        key.Append(_id);
        var built = key.ToString();
        key.Dispose();
        return built;
    }
}
