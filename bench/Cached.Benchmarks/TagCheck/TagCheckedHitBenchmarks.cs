using BenchmarkDotNet.Attributes;
using Cached.Benchmarks.Infrastructure;
using Cached.Benchmarks.L1Hit;
using ZiggyCreatures.Caching.Fusion;

namespace Cached.Benchmarks.TagCheck;

/// <summary>
/// An L1 hit of an entry carrying <see cref="TagCount"/> tags, with Redis configured for every cache (so a Redis call
/// on the hit path would show in the probe column). Cached re-checks an entry's tags only after some invalidation
/// happened since its last check: the "re-checked" row raises an unrelated tag's stamp before each hit, so every hit
/// walks the tags; the "raise only" row is that raise alone, to subtract.
/// </summary>
[MemoryDiagnoser]
[ProbeColumns("Redis cmds/op")]
public class TagCheckedHitBenchmarks : IProbedBenchmark
{
    private const string Key = "item:42";

    private static readonly Func<CancellationToken, ValueTask<ImmutableItem>> s_factory =
        _ => ValueTask.FromResult(new ImmutableItem(42, "item", 9.99m));

    private static readonly Func<FusionCacheFactoryExecutionContext<ImmutableItem>, CancellationToken, Task<ImmutableItem>> s_fusionFactory =
        (_, _) => Task.FromResult(new ImmutableItem(42, "item", 9.99m));

    private RedisServer _redis = null!;
    private Peers _peers = null!;
    private string[] _tags = [];
    private long _unrelatedStamp;
    private long _commandsAtStart;

    [Params(1, 8)]
    public int TagCount { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _redis = RedisServer.Start();
        _tags = [.. Enumerable.Range(0, TagCount).Select(static i => $"tag:{i}")];
        _peers = new Peers(_redis.Configuration);

        await CachedHit();
        await HybridHit();
        await FusionHit();

        // Invalidations of other tags happened, as in a running application.
        await _peers.Cached.RemoveByTagAsync("unrelated");
        await _peers.Hybrid.RemoveByTagAsync("unrelated");
        await _peers.Fusion.RemoveByTagAsync("unrelated");
        _unrelatedStamp = _peers.Engine.Clock.Now();
        await CachedHit();
        await HybridHit();
        await FusionHit();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _peers.Dispose();
        _redis.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Cached hit")]
    public ValueTask<ImmutableItem> CachedHit() => _peers.Cached.GetOrCreateAsync(Key, s_factory, tags: _tags);

    [Benchmark(Description = "Cached raise only")]
    public bool CachedRaiseOnly() => _peers.Engine.TagStamps.Raise("unrelated", ++_unrelatedStamp);

    [Benchmark(Description = "Cached hit, tags re-checked")]
    public ValueTask<ImmutableItem> CachedHitRechecked()
    {
        _peers.Engine.TagStamps.Raise("unrelated", ++_unrelatedStamp);
        return _peers.Cached.GetOrCreateAsync(Key, s_factory, tags: _tags);
    }

    [Benchmark(Description = "HybridCache hit")]
    public ValueTask<ImmutableItem> HybridHit() => _peers.Hybrid.GetOrCreateAsync(Key, s_factory, tags: _tags);

    [Benchmark(Description = "FusionCache hit")]
    public ValueTask<ImmutableItem> FusionHit() => _peers.Fusion.GetOrSetAsync<ImmutableItem>(Key, s_fusionFactory, tags: _tags);

    public void BeginProbe() => _commandsAtStart = _redis.CommandsExecuted();

    public IReadOnlyDictionary<string, string> EndProbe(int invocations) => new Dictionary<string, string>
    {
        ["Redis cmds/op"] = ProbeColumn.Format((double)(_redis.CommandsExecuted() - _commandsAtStart) / invocations),
    };
}
