using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Cached.Benchmarks.Infrastructure;
using Microsoft.Extensions.Caching.Hybrid;
using ZiggyCreatures.Caching.Fusion;

namespace Cached.Benchmarks.L2Hit;

/// <summary>
/// A read served by Redis (L1 skipped on read and write, so every call goes to L2), against a real
/// <c>redis-server</c> started for the run: Cached, HybridCache over <c>AddStackExchangeRedisCache</c>, FusionCache over
/// the same <c>RedisCache</c>, and the floor: one <c>StringGetAsync</c> plus a System.Text.Json deserialize.
/// The probe column counts the commands Redis executed per read.
/// </summary>
[MemoryDiagnoser]
[ProbeColumns("Redis cmds/op", "Factory runs/op")]
public class L2HitBenchmarks : RedisPeersSuite
{
    private const string Key = "product:42";

    private readonly Func<CancellationToken, ValueTask<ProductSnapshot>> _factory;
    private readonly Func<FusionCacheFactoryExecutionContext<ProductSnapshot>, CancellationToken, Task<ProductSnapshot>> _fusionFactory;

    public L2HitBenchmarks()
    {
        _factory = _ =>
        {
            CountFactoryRun();
            return ValueTask.FromResult(ProductSnapshot.Sample(42));
        };
        _fusionFactory = (_, _) =>
        {
            CountFactoryRun();
            return Task.FromResult(ProductSnapshot.Sample(42));
        };
    }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync();
        await RawDb.StringSetAsync("raw:" + Key, JsonSerializer.SerializeToUtf8Bytes(ProductSnapshot.Sample(42)));

        // Each cache writes its own entry once (a miss); every measured call is then an L2 hit. A few more reads let
        // each settle (Cached's backplane confirms its subscription in the background) before anything is counted.
        for (var i = 0; i < 20; i++)
        {
            await Cached();
            await Hybrid();
            await Fusion();
            await Task.Delay(5);
        }
    }

    [Benchmark(Baseline = true, Description = "StringGetAsync + STJ deserialize")]
    public async Task<ProductSnapshot> RawFloor()
    {
        var bytes = (byte[]?)await RawDb.StringGetAsync("raw:" + Key);
        return JsonSerializer.Deserialize<ProductSnapshot>(bytes)!;
    }

    [Benchmark(Description = "Cached")]
    public ValueTask<ProductSnapshot> Cached() => Peers.Cached.GetOrCreateAsync(Key, _factory, HybridL2Only);

    [Benchmark(Description = "HybridCache")]
    public ValueTask<ProductSnapshot> Hybrid() => Peers.Hybrid.GetOrCreateAsync(Key, _factory, HybridL2Only);

    [Benchmark(Description = "FusionCache")]
    public ValueTask<ProductSnapshot> Fusion() => Peers.Fusion.GetOrSetAsync<ProductSnapshot>(Key, _fusionFactory, FusionL2Only);
}
