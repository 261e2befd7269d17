using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Cached.Benchmarks.Infrastructure;
using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;
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
public class L2HitBenchmarks : IProbedBenchmark
{
    private const string Key = "product:42";

    private static readonly HybridCacheEntryOptions s_l2Only = new()
    {
        Expiration = Peers.Ttl,
        Flags = HybridCacheEntryFlags.DisableLocalCache,
    };

    private static readonly FusionCacheEntryOptions s_fusionL2Only = new()
    {
        Duration = Peers.Ttl,
        SkipMemoryCacheRead = true,
        SkipMemoryCacheWrite = true,
    };

    private readonly Func<CancellationToken, ValueTask<ProductSnapshot>> _factory;
    private readonly Func<FusionCacheFactoryExecutionContext<ProductSnapshot>, CancellationToken, Task<ProductSnapshot>> _fusionFactory;
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _raw = null!;
    private IDatabase _rawDb = null!;
    private Peers _peers = null!;
    private long _factoryRuns;
    private long _commandsAtStart;
    private long _factoryRunsAtStart;

    public L2HitBenchmarks()
    {
        _factory = _ =>
        {
            Interlocked.Increment(ref _factoryRuns);
            return ValueTask.FromResult(ProductSnapshot.Sample(42));
        };
        _fusionFactory = (_, _) =>
        {
            Interlocked.Increment(ref _factoryRuns);
            return Task.FromResult(ProductSnapshot.Sample(42));
        };
    }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _redis = RedisServer.Start();
        _raw = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _rawDb = _raw.GetDatabase();
        await _rawDb.StringSetAsync("raw:" + Key, JsonSerializer.SerializeToUtf8Bytes(ProductSnapshot.Sample(42)));

        _peers = new Peers(_redis.Configuration);

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

    [GlobalCleanup]
    public void Cleanup()
    {
        _peers.Dispose();
        _raw.Dispose();
        _redis.Dispose();
    }

    [Benchmark(Baseline = true, Description = "StringGetAsync + STJ deserialize")]
    public async Task<ProductSnapshot> RawFloor()
    {
        var bytes = (byte[]?)await _rawDb.StringGetAsync("raw:" + Key);
        return JsonSerializer.Deserialize<ProductSnapshot>(bytes)!;
    }

    [Benchmark(Description = "Cached")]
    public ValueTask<ProductSnapshot> Cached() => _peers.Cached.GetOrCreateAsync(Key, _factory, s_l2Only);

    [Benchmark(Description = "HybridCache")]
    public ValueTask<ProductSnapshot> Hybrid() => _peers.Hybrid.GetOrCreateAsync(Key, _factory, s_l2Only);

    [Benchmark(Description = "FusionCache")]
    public ValueTask<ProductSnapshot> Fusion() => _peers.Fusion.GetOrSetAsync<ProductSnapshot>(Key, _fusionFactory, s_fusionL2Only);

    public void BeginProbe()
    {
        _commandsAtStart = _redis.CommandsExecuted();
        _factoryRunsAtStart = Interlocked.Read(ref _factoryRuns);
    }

    public IReadOnlyDictionary<string, string> EndProbe(int invocations) => new Dictionary<string, string>
    {
        ["Redis cmds/op"] = ProbeColumn.Format((double)(_redis.CommandsExecuted() - _commandsAtStart) / invocations),
        ["Factory runs/op"] = ProbeColumn.Format((double)(Interlocked.Read(ref _factoryRuns) - _factoryRunsAtStart) / invocations),
    };
}
