namespace Cached.Benchmarks.Infrastructure;

/// <summary>
/// A suite that reports, beside time and allocations, what BenchmarkDotNet cannot see: Redis commands, hit ratio,
/// factory runs. <see cref="ProbeColumn"/> runs it in the host process after the measurements: global setup,
/// <see cref="BeginProbe"/>, the benchmark method a fixed number of times, <see cref="EndProbe"/>, global cleanup.
/// </summary>
public interface IProbedBenchmark
{
    /// <summary>Calls of the benchmark method per probe; few for suites whose one call replays a long trace.</summary>
    int ProbeInvocations => 50;

    /// <summary>Starts counting (e.g. reads the server's command count).</summary>
    void BeginProbe();

    /// <summary>The column values for the <paramref name="invocations"/> calls since <see cref="BeginProbe"/>, by column name.</summary>
    IReadOnlyDictionary<string, string> EndProbe(int invocations);
}
