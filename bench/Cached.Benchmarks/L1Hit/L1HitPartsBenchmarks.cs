using BenchmarkDotNet.Attributes;
using Cached.Generated;
using Microsoft.Extensions.DependencyInjection;

namespace Cached.Benchmarks.L1Hit;

/// <summary>
/// The pieces of a Cached L1 hit, one row each, to see where its time goes: building the key (from 1 and from 3
/// arguments), the clock read of the expiry check (L1's and the wall clock it replaced), the L1 store's lookup, the
/// engine's fresh-entry test, and the policy object's whole fast path.
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

    private static readonly CachedMethod<ImmutableItem> s_method3 = new(
        "Cached.Benchmarks.L1Hit.ItemService.FindAsync",
        "Cached.Benchmarks.L1Hit.ItemService.FindAsync(int,string,System.Guid,System.Threading.CancellationToken)#00000000",
        TimeSpan.FromHours(1),
        null,
        CacheStrategy.CacheAside);

    private ServiceProvider _provider = null!;
    private CachedHybridCache _cache = null!;
    private string _key = "";
    private string _key3 = "";
    private int _id = 42;
    private string _name = "widget";
    private Guid _tenant = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _provider = new ServiceCollection().AddCached(_ => { }).BuildServiceProvider();
        _cache = _provider.GetRequiredService<CachedHybridCache>();
        _key = BuiltKey();
        _key3 = BuiltKey3();
        await s_method.GetOrCreateAsync(_cache, _key, 0, static (_, _) => ValueTask.FromResult(new ImmutableItem(42, "item", 9.99m)), null, default);
        await s_method3.GetOrCreateAsync(_cache, _key3, 0, static (_, _) => ValueTask.FromResult(new ImmutableItem(42, "widget", 9.99m)), null, default);
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

    [Benchmark(Description = "build the key (int, string, Guid)")]
    public int BuildKey3()
    {
        var key = new CacheKeyBuilder(stackalloc char[128], s_method3.KeyPrefix);
        key.Append(_id);
        key.Append(_name);
        key.Append(_tenant);
        var length = key.Written.Length;
        key.Dispose();
        return length;
    }

    [Benchmark(Description = "L1 clock (coarse monotonic)")]
    public long Clock() => _cache.Engine.L1Clock.UtcNowTicks();

    [Benchmark(Description = "TimeProvider.System.GetUtcNow()")]
    public long WallClock() => TimeProvider.System.GetUtcNow().UtcTicks;

    [Benchmark(Description = "L1 store lookup by span")]
    public bool StoreLookup() => _cache.Engine.L1.TryGet(_key.AsSpan(), out _);

    [Benchmark(Description = "engine: fresh entry by span")]
    public bool FreshEntry() => _cache.Engine.TryGetFresh<ImmutableItem>(_key.AsSpan(), out _);

    [Benchmark(Description = "CachedMethod fast path, prebuilt key")]
    public bool FastPath() => s_method.TryGetCompletedTask(_cache, _key.AsSpan(), out _);

    [Benchmark(Description = "CachedMethod fast path, prebuilt 3-argument key")]
    public bool FastPath3() => s_method3.TryGetCompletedTask(_cache, _key3.AsSpan(), out _);

    private string BuiltKey()
    {
        var key = new CacheKeyBuilder(stackalloc char[128], s_method.KeyPrefix);
        key.Append(_id);
        var built = key.ToString();
        key.Dispose();
        return built;
    }

    private string BuiltKey3()
    {
        var key = new CacheKeyBuilder(stackalloc char[128], s_method3.KeyPrefix);
        key.Append(_id);
        key.Append(_name);
        key.Append(_tenant);
        var built = key.ToString();
        key.Dispose();
        return built;
    }
}
