namespace ShopApi.LoadGen;

/// <summary>The figures of one run.</summary>
/// <param name="Label">What was measured, e.g. <c>cached (L1)</c> or <c>uncached</c>.</param>
/// <param name="Requests">Requests completed.</param>
/// <param name="Errors">Requests that failed (transport error or a status other than 2xx and 404).</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="P50Ms">Median latency, milliseconds.</param>
/// <param name="P95Ms">95th percentile latency, milliseconds.</param>
/// <param name="P99Ms">99th percentile latency, milliseconds.</param>
/// <param name="HitRatio">Cache hits over cached reads during the run, from the API's meter; <c>null</c> when it cached nothing.</param>
/// <param name="DatabaseQueries">Database commands the API sent during the run.</param>
public sealed record RunReport(
    string Label,
    long Requests,
    long Errors,
    TimeSpan Elapsed,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double? HitRatio,
    long DatabaseQueries)
{
    /// <summary>Requests per second.</summary>
    public double Throughput => Requests / Elapsed.TotalSeconds;

    /// <summary>Database commands per request.</summary>
    public double QueriesPerRequest => Requests == 0 ? 0 : (double)DatabaseQueries / Requests;
}

/// <summary>A cached run against its uncached baseline.</summary>
public sealed record Comparison(RunReport Cached, RunReport Baseline)
{
    /// <summary>Cached throughput over baseline throughput.</summary>
    public double ThroughputRatio => Cached.Throughput / Baseline.Throughput;

    /// <summary>The share of the baseline's database queries per request that the cache saved (0..1).</summary>
    public double QueriesSaved => Baseline.QueriesPerRequest == 0 ? 0 : 1 - Cached.QueriesPerRequest / Baseline.QueriesPerRequest;

    /// <summary>Cached median latency over baseline median latency (below 1: the cache is faster).</summary>
    public double P50Ratio => Cached.P50Ms / Baseline.P50Ms;

    /// <summary>Cached p99 latency over baseline p99 latency (below 1: the cache is faster).</summary>
    public double P99Ratio => Cached.P99Ms / Baseline.P99Ms;
}
