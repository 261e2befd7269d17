using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BitFaster.Caching;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Scheduler;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace Cached.Benchmarks.L1Hit;

/// <summary>
/// A warm L1 hit, side by side: Cached through its generated wrapper (key built inside from 1 or 3 arguments),
/// Microsoft's HybridCache and FusionCache with the <c>$"..."</c> key a user would write, and a bare
/// <see cref="ConcurrentDictionary{TKey, TValue}"/> lookup with a prebuilt key as the floor, by string and by span (what
/// the L1 store does), and the same span lookup in BitFaster's W-TinyLFU (the policy L1 used before S3-FIFO). Mutable
/// results are copied on every hit by both: HybridCache deserializes, Cached runs the deep copy its generator wrote.
/// </summary>
[MemoryDiagnoser]
public class L1HitBenchmarks
{
    private static readonly Func<CancellationToken, ValueTask<ImmutableItem>> s_immutableFactory =
        _ => ValueTask.FromResult(new ImmutableItem(42, "item", 9.99m));

    private static readonly Func<CancellationToken, ValueTask<MutableItem>> s_mutableFactory =
        _ => ValueTask.FromResult(new MutableItem { Id = 42, Name = "item", Price = 9.99m });

    private static readonly Func<FusionCacheFactoryExecutionContext<ImmutableItem>, CancellationToken, Task<ImmutableItem>> s_fusionFactory =
        (_, _) => Task.FromResult(new ImmutableItem(42, "item", 9.99m));

    private readonly ConcurrentDictionary<string, ImmutableItem> _dictionary = new();
    private readonly ConcurrentLfu<string, ImmutableItem> _lfu = new(
        Environment.ProcessorCount, 10_000, new ForegroundScheduler(), StringComparer.Ordinal);

    private readonly string _prebuiltKey = "item:42";
    private ConcurrentDictionary<string, ImmutableItem>.AlternateLookup<ReadOnlySpan<char>> _dictionaryBySpan;
    private IAlternateLookup<ReadOnlySpan<char>, string, ImmutableItem> _lfuBySpan = null!;
    private ServiceProvider _cachedProvider = null!;
    private ServiceProvider _hybridProvider = null!;
    private IItemService _items = null!;
    private HybridCache _hybrid = null!;
    private FusionCache _fusion = null!;
    private int _id = 42;
    private string _name = "widget";
    private Guid _tenant = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _cachedProvider = new ServiceCollection()
            .AddSingleton<IItemService, ItemService>()
            .AddCached(_ => { })
            .AddCachedDecorators()
            .BuildServiceProvider();
        _items = _cachedProvider.GetRequiredService<IItemService>();
        await _items.GetAsync(_id);
        await _items.FindAsync(_id, _name, _tenant);
        await _items.GetMutableAsync(_id);
        await _items.FindMutableAsync(_id, _name, _tenant);

        var hybridServices = new ServiceCollection();
        hybridServices.AddHybridCache();
        _hybridProvider = hybridServices.BuildServiceProvider();
        _hybrid = _hybridProvider.GetRequiredService<HybridCache>();
        await HybridImmutable1Arg();
        await HybridMutable1Arg();
        await HybridImmutable3Args();
        await HybridMutable3Args();

        _fusion = new FusionCache(new FusionCacheOptions());
        await Fusion1Arg();
        await Fusion3Args();

        _dictionary[_prebuiltKey] = new ImmutableItem(42, "item", 9.99m);
        _dictionaryBySpan = _dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        _lfu.AddOrUpdate(_prebuiltKey, new ImmutableItem(42, "item", 9.99m));
        _lfuBySpan = _lfu.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fusion.Dispose();
        _cachedProvider.Dispose();
        _hybridProvider.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ConcurrentDictionary, prebuilt key")]
    public ImmutableItem DictionaryFloor() => _dictionary.TryGetValue(_prebuiltKey, out var item) ? item : null!;

    [Benchmark(Description = "ConcurrentDictionary, span lookup")]
    public ImmutableItem DictionarySpanFloor() => _dictionaryBySpan.TryGetValue(_prebuiltKey.AsSpan(), out var item) ? item : null!;

    [Benchmark(Description = "BitFaster ConcurrentLfu, span lookup")]
    public ImmutableItem LfuSpanFloor() => _lfuBySpan.TryGet(_prebuiltKey.AsSpan(), out var item) ? item : null!;

    [Benchmark(Description = "Cached wrapper, 1 arg")]
    public Task<ImmutableItem> Cached1Arg() => _items.GetAsync(_id);

    [Benchmark(Description = "Cached wrapper, 3 args")]
    public Task<ImmutableItem> Cached3Args() => _items.FindAsync(_id, _name, _tenant);

    [Benchmark(Description = "Cached wrapper, mutable, 1 arg")]
    public Task<MutableItem> CachedMutable1Arg() => _items.GetMutableAsync(_id);

    [Benchmark(Description = "Cached wrapper, mutable, 3 args")]
    public Task<MutableItem> CachedMutable3Args() => _items.FindMutableAsync(_id, _name, _tenant);

    [Benchmark(Description = "HybridCache immutable, 1 arg")]
    public ValueTask<ImmutableItem> HybridImmutable1Arg() => _hybrid.GetOrCreateAsync($"item:{_id}", s_immutableFactory);

    [Benchmark(Description = "HybridCache immutable, 3 args")]
    public ValueTask<ImmutableItem> HybridImmutable3Args() =>
        _hybrid.GetOrCreateAsync($"item:{_id}:{_name}:{_tenant}", s_immutableFactory);

    [Benchmark(Description = "HybridCache mutable, 1 arg")]
    public ValueTask<MutableItem> HybridMutable1Arg() => _hybrid.GetOrCreateAsync($"mutable:{_id}", s_mutableFactory);

    [Benchmark(Description = "HybridCache mutable, 3 args")]
    public ValueTask<MutableItem> HybridMutable3Args() =>
        _hybrid.GetOrCreateAsync($"mutable:{_id}:{_name}:{_tenant}", s_mutableFactory);

    [Benchmark(Description = "FusionCache, 1 arg")]
    public ValueTask<ImmutableItem> Fusion1Arg() =>
        _fusion.GetOrSetAsync<ImmutableItem>($"item:{_id}", s_fusionFactory);

    [Benchmark(Description = "FusionCache, 3 args")]
    public ValueTask<ImmutableItem> Fusion3Args() =>
        _fusion.GetOrSetAsync<ImmutableItem>($"item:{_id}:{_name}:{_tenant}", s_fusionFactory);
}
