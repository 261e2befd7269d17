namespace ShopApi.Web.CachePage;

/// <summary>The engine's counters for one cached method (or <c>""</c>: calls that named none), by instrument name.</summary>
/// <param name="Method">The method tag.</param>
/// <param name="Counters">Totals by instrument name.</param>
/// <param name="ReadLatency">Recent read durations (<c>cached.read.duration</c>, every tier); <c>null</c> before the first.</param>
public sealed record MethodCounters(string Method, IReadOnlyDictionary<string, long> Counters, Percentiles? ReadLatency)
{
    public long L1Hits => Get("cached.l1.hits");

    public long L2Hits => Get("cached.l2.hits");

    public long Misses => Get("cached.misses");

    public long FactoryRuns => Get("cached.factory.runs");

    public long CoalescedWaiters => Get("cached.coalesced_waiters");

    public long Invalidations => Get("cached.invalidations");

    public long L2Errors => Get("cached.l2.errors");

    /// <summary>Stale values served (stale-while-revalidate, fail-safe): any counter whose name says <c>stale</c>.</summary>
    public long StaleServed => Counters.Where(c => c.Key.Contains("stale", StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>Hits over reads, or <c>null</c> before the first read.</summary>
    public double? HitRatio => L1Hits + L2Hits + Misses is var reads and > 0 ? (double)(L1Hits + L2Hits) / reads : null;

    private long Get(string instrument) => Counters.GetValueOrDefault(instrument);
}
