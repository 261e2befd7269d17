using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Cached.Benchmarks.Infrastructure;
using Cached.Benchmarks.L1Hit;

namespace Cached.Benchmarks.Stampede;

/// <summary>
/// 1,000 concurrent callers of one cold key (a new key per call), L1 only: the factory takes
/// <see cref="FactoryDuration"/>. The probe columns give factory runs per stampede and the callers' extra latency:
/// for each caller, the time from the factory's return to the caller receiving the value (median and worst, in ms).
/// </summary>
[MemoryDiagnoser]
[ProbeColumns("Factory runs/op", "Extra p50 ms", "Extra max ms")]
public class StampedeBenchmarks : IProbedBenchmark
{
    public const int Callers = 1_000;

    private static readonly TimeSpan FactoryDuration = TimeSpan.FromMilliseconds(10);

    private readonly List<double> _extraMs = [];
    private readonly long[] _doneAt = new long[Callers];
    private Peers _peers = null!;
    private long _factoryRuns;
    private long _factoryDoneAt;
    private int _round;
    private long _factoryRunsAtStart;
    private bool _probing;

    [GlobalSetup]
    public void Setup()
    {
        _peers = new Peers();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _peers.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Cached")]
    public Task Cached() => StampedeAsync(key => _peers.Cached.GetOrCreateAsync(key, this, static (self, ct) => self.FactoryAsync(ct)));

    [Benchmark(Description = "HybridCache")]
    public Task Hybrid() => StampedeAsync(key => _peers.Hybrid.GetOrCreateAsync(key, this, static (self, ct) => self.FactoryAsync(ct)));

    [Benchmark(Description = "FusionCache")]
    public Task Fusion() => StampedeAsync(key => new ValueTask<ImmutableItem>(
        _peers.Fusion.GetOrSetAsync<ImmutableItem>(key, (_, ct) => FactoryAsync(ct).AsTask()).AsTask()));

    public void BeginProbe()
    {
        _extraMs.Clear();
        _probing = true;
        _factoryRunsAtStart = Interlocked.Read(ref _factoryRuns);
    }

    public IReadOnlyDictionary<string, string> EndProbe(int invocations)
    {
        _extraMs.Sort();
        return new Dictionary<string, string>
        {
            ["Factory runs/op"] = ProbeColumn.Format((double)(Interlocked.Read(ref _factoryRuns) - _factoryRunsAtStart) / invocations),
            ["Extra p50 ms"] = ProbeColumn.Format(_extraMs[_extraMs.Count / 2]),
            ["Extra max ms"] = ProbeColumn.Format(_extraMs[^1]),
        };
    }

    private async Task StampedeAsync(Func<string, ValueTask<ImmutableItem>> get)
    {
        var key = $"cold:{++_round}";
        var callers = new Task[Callers];
        for (var i = 0; i < Callers; i++)
        {
            callers[i] = CallAsync(get, key, i);
        }

        await Task.WhenAll(callers);
        if (!_probing)
        {
            return; // timed runs record nothing: the list would count as the benchmark's allocation
        }

        var factoryDoneAt = Interlocked.Read(ref _factoryDoneAt);
        foreach (var doneAt in _doneAt)
        {
            _extraMs.Add(Stopwatch.GetElapsedTime(factoryDoneAt, doneAt).TotalMilliseconds);
        }
    }

    private async Task CallAsync(Func<string, ValueTask<ImmutableItem>> get, string key, int caller)
    {
        await Task.Yield(); // every caller starts on the thread pool, as concurrent requests do
        await get(key);
        _doneAt[caller] = Stopwatch.GetTimestamp();
    }

    private async ValueTask<ImmutableItem> FactoryAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _factoryRuns);
        await Task.Delay(FactoryDuration, ct);
        Interlocked.Exchange(ref _factoryDoneAt, Stopwatch.GetTimestamp());
        return new ImmutableItem(42, "item", 9.99m);
    }
}
