using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Cached.Benchmarks.Infrastructure;
using Cached.Benchmarks.L2Hit;
using Cached.Engine;
using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;

namespace Cached.Benchmarks.ManyKeys;

/// <summary>
/// A read of <see cref="KeyCount"/> keys served by Redis, against a real <c>redis-server</c> started for the run. L1 is
/// skipped on read and write for every cache, as in the L2Hit suite, so every call goes to L2: HybridCache with
/// <c>HybridCacheEntryFlags.DisableLocalCache</c>, FusionCache with <c>SkipMemoryCacheRead/Write</c>, and Cached with
/// the same HybridCache flags, given to its many-key read through the engine's internal entry point (the public
/// <see cref="CacheEntryOptions"/> has no flag that skips L1; the path below it is the public method's).
/// Rows: Cached's <c>GetOrCreateManyAsync</c> (one <c>MGET</c>); the peers, which have no many-key read, with
/// <see cref="KeyCount"/> <c>GetOrCreateAsync</c> calls one after another and all at once (<c>Task.WhenAll</c>), and
/// Cached the same way; the floor: one <c>StringGetAsync(RedisKey[])</c> plus a System.Text.Json deserialize per value.
/// </summary>
[MemoryDiagnoser]
[ProbeColumns("Redis cmds/op", "Factory runs/op")]
public class ManyKeysBenchmarks : RedisPeersSuite
{
    public const int KeyCount = 20;

    private static readonly string[] s_keys = [.. Enumerable.Range(0, KeyCount).Select(static i => $"product:{i}")];
    private static readonly RedisKey[] s_rawKeys = [.. s_keys.Select(static key => (RedisKey)("raw:" + key))];

    private readonly Func<ManyKeysBenchmarks, IReadOnlyList<string>, CancellationToken, ValueTask<IReadOnlyDictionary<string, ProductSnapshot>>> _manyFactory;
    private readonly Func<FusionCacheFactoryExecutionContext<ProductSnapshot>, CancellationToken, Task<ProductSnapshot>> _fusionFactory;
    private EntrySettings _cachedL2Only;

    public ManyKeysBenchmarks()
    {
        _manyFactory = static (self, keys, _) =>
        {
            self.CountFactoryRun();
            return ValueTask.FromResult<IReadOnlyDictionary<string, ProductSnapshot>>(keys.ToDictionary(static key => key, Sample));
        };
        _fusionFactory = (context, _) =>
        {
            CountFactoryRun();
            return Task.FromResult(Sample(context.Key));
        };
    }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync();
        foreach (var key in s_keys)
        {
            await RawDb.StringSetAsync("raw:" + key, JsonSerializer.SerializeToUtf8Bytes(Sample(key)));
        }
        _cachedL2Only = Peers.Engine.Resolve(HybridL2Only);

        // Each cache writes its entries once (misses); every measured call is then served by L2. A few more reads let
        // each settle (Cached's backplane confirms its subscription in the background) before anything is counted.
        for (var i = 0; i < 20; i++)
        {
            await CachedMany();
            await HybridSequential();
            await FusionSequential();
            await Task.Delay(5);
        }
    }

    [Benchmark(Baseline = true, Description = "StringGetAsync(RedisKey[]) + STJ deserialize")]
    public async Task<int> RawFloor()
    {
        var values = await RawDb.StringGetAsync(s_rawKeys);
        var found = 0;
        foreach (var value in values)
        {
            found += JsonSerializer.Deserialize<ProductSnapshot>((byte[])value!) is null ? 0 : 1;
        }

        return found;
    }

    [Benchmark(Description = "Cached GetOrCreateManyAsync")]
    public async Task<int> CachedMany()
        => (await Peers.Engine.GetOrCreateManyCoreAsync(s_keys, this, _manyFactory, _cachedL2Only, [], CancellationToken.None)).Count;

    [Benchmark(Description = "Cached 20 × GetOrCreateAsync, sequential")]
    public Task<int> CachedSequential() => SequentialAsync(Peers.Cached);

    [Benchmark(Description = "Cached 20 × GetOrCreateAsync, Task.WhenAll")]
    public Task<int> CachedConcurrent() => ConcurrentAsync(Peers.Cached);

    [Benchmark(Description = "HybridCache 20 × GetOrCreateAsync, sequential")]
    public Task<int> HybridSequential() => SequentialAsync(Peers.Hybrid);

    [Benchmark(Description = "HybridCache 20 × GetOrCreateAsync, Task.WhenAll")]
    public Task<int> HybridConcurrent() => ConcurrentAsync(Peers.Hybrid);

    [Benchmark(Description = "FusionCache 20 × GetOrSetAsync, sequential")]
    public async Task<int> FusionSequential()
    {
        var found = 0;
        foreach (var key in s_keys)
        {
            found += (await FusionReadAsync(key)).Id >= 0 ? 1 : 0;
        }

        return found;
    }

    [Benchmark(Description = "FusionCache 20 × GetOrSetAsync, Task.WhenAll")]
    public async Task<int> FusionConcurrent()
    {
        var reads = new Task<ProductSnapshot>[s_keys.Length];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = FusionReadAsync(s_keys[i]).AsTask();
        }

        return (await Task.WhenAll(reads)).Length;
    }

    private static ProductSnapshot Sample(string key) => ProductSnapshot.Sample(int.Parse(key.AsSpan("product:".Length), provider: null));

    private async Task<int> SequentialAsync(HybridCache cache)
    {
        var found = 0;
        foreach (var key in s_keys)
        {
            found += (await HybridReadAsync(cache, key)).Id >= 0 ? 1 : 0;
        }

        return found;
    }

    private async Task<int> ConcurrentAsync(HybridCache cache)
    {
        var reads = new Task<ProductSnapshot>[s_keys.Length];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = HybridReadAsync(cache, s_keys[i]).AsTask();
        }

        return (await Task.WhenAll(reads)).Length;
    }

    private ValueTask<ProductSnapshot> HybridReadAsync(HybridCache cache, string key)
        => cache.GetOrCreateAsync(key, (self: this, key), static (state, _) =>
        {
            state.self.CountFactoryRun();
            return ValueTask.FromResult(Sample(state.key));
        }, HybridL2Only);

    private ValueTask<ProductSnapshot> FusionReadAsync(string key)
        => Peers.Fusion.GetOrSetAsync<ProductSnapshot>(key, _fusionFactory, FusionL2Only);
}
