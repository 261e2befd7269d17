namespace ShopApi.Web.CachePage;

/// <summary>
/// The most recent samples of a histogram, for percentiles: the page shows how the cache behaves now, and a window of
/// fixed size keeps the memory bounded however long the app runs.
/// </summary>
public sealed class LatencyWindow
{
    /// <summary>Samples kept: the newest replace the oldest.</summary>
    public const int Size = 4096;

    private readonly double[] _samples = new double[Size];
    private readonly Lock _lock = new();
    private long _count;

    /// <summary>Adds a sample (milliseconds).</summary>
    public void Add(double milliseconds)
    {
        lock (_lock)
        {
            _samples[_count++ % Size] = milliseconds;
        }
    }

    /// <summary>The 50th and 99th percentiles of the window (nearest rank), or <c>null</c> before the first sample.</summary>
    public Percentiles? Read()
    {
        double[] sorted;
        lock (_lock)
        {
            sorted = _samples[..(int)Math.Min(_count, Size)];
        }

        if (sorted.Length == 0)
        {
            return null;
        }

        Array.Sort(sorted);
        return new Percentiles(Rank(sorted, 0.50), Rank(sorted, 0.99), sorted.Length);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>Percentiles of a <see cref="LatencyWindow"/>, in milliseconds.</summary>
/// <param name="P50">The median.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Samples">How many samples they were computed from.</param>
public sealed record Percentiles(double P50, double P99, int Samples);
