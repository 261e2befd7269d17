using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Lru;
using BitFaster.Caching.Scheduler;
using Cached.Benchmarks.Infrastructure;
using Cached.Benchmarks.L1Hit;
using ZiggyCreatures.Caching.Fusion;

namespace Cached.Benchmarks.Zipf;

/// <summary>
/// The skewed workload: Zipf(0.99) over 100k keys, every cache bounded to <see cref="Capacity"/> entries (HybridCache
/// sizes an L1 entry by its serialized length, so its bound is that many entries of this payload), replayed on
/// two threads (each takes half of the chunk). Time is per request; the hit-ratio column replays the same chunk in the
/// host and counts factory runs. Rows: the three caches, BitFaster's W-TinyLFU (maintenance on the thread pool, its
/// default, or on the calling thread) and LRU as candidate L1 policies, and an exact LRU as the reference.
/// </summary>
[MemoryDiagnoser]
[ProbeColumns("Hit ratio")]
public class ZipfBenchmarks : IProbedBenchmark
{
    public const int Capacity = 10_000;

    private readonly Func<string, ImmutableItem> _create;
    private readonly Func<string, CancellationToken, ValueTask<ImmutableItem>> _createAsync;
    private readonly Func<FusionCacheFactoryExecutionContext<ImmutableItem>, CancellationToken, ImmutableItem> _fusionCreate;
    private string[] _requests = [];
    private Peers _peers = null!;
    private ConcurrentLfu<string, ImmutableItem> _lfu = null!;
    private ConcurrentLfu<string, ImmutableItem> _lfuForeground = null!;
    private ConcurrentLru<string, ImmutableItem> _lru = null!;
    private ExactLru<ImmutableItem> _exactLru = null!;
    private long _factoryRuns;
    private long _factoryRunsAtStart;

    private static readonly Action<ZipfBenchmarks, string> s_exactLru = static (self, key) => self._exactLru.GetOrAdd(key, self._create);
    private static readonly Action<ZipfBenchmarks, string> s_cached = static (self, key) => Complete(self._peers.Cached.GetOrCreateAsync(key, key, self._createAsync));
    private static readonly Action<ZipfBenchmarks, string> s_hybrid = static (self, key) => Complete(self._peers.Hybrid.GetOrCreateAsync(key, key, self._createAsync));
    private static readonly Action<ZipfBenchmarks, string> s_fusion = static (self, key) => self._peers.Fusion.GetOrSet<ImmutableItem>(key, self._fusionCreate);
    private static readonly Action<ZipfBenchmarks, string> s_lfu = static (self, key) => self._lfu.GetOrAdd(key, self._create);
    private static readonly Action<ZipfBenchmarks, string> s_lfuForeground = static (self, key) => self._lfuForeground.GetOrAdd(key, self._create);
    private static readonly Action<ZipfBenchmarks, string> s_lru = static (self, key) => self._lru.GetOrAdd(key, self._create);

    public ZipfBenchmarks()
    {
        _create = _ => Create();
        _createAsync = (_, _) => ValueTask.FromResult(Create());
        _fusionCreate = (_, _) => Create();
    }

    public int ProbeInvocations => 1;

    // One setup per row: each fills only the cache its row replays (CI's quick run stays short).
    [GlobalSetup(Target = nameof(ExactLru))]
    public void SetupExactLru() => WarmUp(s_exactLru);

    [GlobalSetup(Target = nameof(Cached))]
    public void SetupCached() => WarmUp(s_cached);

    [GlobalSetup(Target = nameof(Hybrid))]
    public void SetupHybrid() => WarmUp(s_hybrid);

    [GlobalSetup(Target = nameof(Fusion))]
    public void SetupFusion() => WarmUp(s_fusion);

    [GlobalSetup(Target = nameof(Lfu))]
    public void SetupLfu() => WarmUp(s_lfu);

    [GlobalSetup(Target = nameof(LfuForeground))]
    public void SetupLfuForeground() => WarmUp(s_lfuForeground);

    [GlobalSetup(Target = nameof(Lru))]
    public void SetupLru() => WarmUp(s_lru);

    [GlobalCleanup]
    public void Cleanup()
    {
        _peers.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Exact LRU (reference)", OperationsPerInvoke = ZipfTrace.Chunk)]
    public void ExactLru() => OnTwoThreads(s_exactLru);

    [Benchmark(Description = "Cached", OperationsPerInvoke = ZipfTrace.Chunk)]
    public void Cached() => OnTwoThreads(s_cached);

    [Benchmark(Description = "HybridCache", OperationsPerInvoke = ZipfTrace.Chunk)]
    public void Hybrid() => OnTwoThreads(s_hybrid);

    [Benchmark(Description = "FusionCache", OperationsPerInvoke = ZipfTrace.Chunk)]
    public void Fusion() => OnTwoThreads(s_fusion);

    [Benchmark(Description = "BitFaster ConcurrentLfu", OperationsPerInvoke = ZipfTrace.Chunk)]
    public void Lfu() => OnTwoThreads(s_lfu);

    [Benchmark(Description = "BitFaster ConcurrentLfu, foreground", OperationsPerInvoke = ZipfTrace.Chunk)]
    public void LfuForeground() => OnTwoThreads(s_lfuForeground);

    [Benchmark(Description = "BitFaster ConcurrentLru", OperationsPerInvoke = ZipfTrace.Chunk)]
    public void Lru() => OnTwoThreads(s_lru);

    public void BeginProbe() => _factoryRunsAtStart = Interlocked.Read(ref _factoryRuns);

    public IReadOnlyDictionary<string, string> EndProbe(int invocations)
    {
        var requests = (double)invocations * ZipfTrace.Chunk;
        var misses = Interlocked.Read(ref _factoryRuns) - _factoryRunsAtStart;
        return new Dictionary<string, string> { ["Hit ratio"] = $"{(requests - misses) / requests:P1}" };
    }

    private static void Complete<T>(ValueTask<T> pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Creates every cache (cheap while empty) and replays the warm-up part of the trace through one of them.</summary>
    private void WarmUp(Action<ZipfBenchmarks, string> request)
    {
        _requests = ZipfTrace.Requests;
        _peers = new Peers(maxEntries: Capacity, hybridEntrySize: JsonSerializer.SerializeToUtf8Bytes(Sample()).Length);
        _lfu = new ConcurrentLfu<string, ImmutableItem>(Capacity);
        _lfuForeground = new ConcurrentLfu<string, ImmutableItem>(
            Environment.ProcessorCount, Capacity, new ForegroundScheduler(), StringComparer.Ordinal);
        _lru = new ConcurrentLru<string, ImmutableItem>(Capacity);
        _exactLru = new ExactLru<ImmutableItem>(Capacity);
        Replay(request, 0, ZipfTrace.WarmUp);
    }

    private static ImmutableItem Sample() => new(1, "item", 9.99m);

    private ImmutableItem Create()
    {
        Interlocked.Increment(ref _factoryRuns);
        return Sample();
    }

    /// <summary>Replays the measured chunk: the first half on one thread, the second on another.</summary>
    private void OnTwoThreads(Action<ZipfBenchmarks, string> request)
    {
        var half = ZipfTrace.Chunk / 2;
        var second = Task.Run(() => Replay(request, ZipfTrace.WarmUp + half, half));
        Replay(request, ZipfTrace.WarmUp, half);
        second.GetAwaiter().GetResult();
    }

    private void Replay(Action<ZipfBenchmarks, string> request, int start, int count)
    {
        var requests = _requests;
        for (var i = start; i < start + count; i++)
        {
            request(this, requests[i]);
        }
    }
}
