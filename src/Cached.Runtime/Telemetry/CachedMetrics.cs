using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cached.Telemetry;

/// <summary>
/// The <c>Cached</c> meter. Every counter carries a <c>method</c> tag: the cached method's display name, the
/// caller-supplied name on the hand-written API, or <c>""</c> when there is none.
/// </summary>
/// <remarks>
/// <see cref="Count"/> tests <see cref="Instrument.Enabled"/> first, so a counter nobody listens to costs one field
/// read on the hit path and never allocates. Read durations likewise: <see cref="ReadStart"/> reads no clock unless
/// someone listens to <see cref="ReadDuration"/>.
/// </remarks>
internal static class CachedMetrics
{
    public const string MeterName = "Cached";
    public const string MethodTag = "method";

    public const string L1HitsName = "cached.l1.hits";
    public const string L2HitsName = "cached.l2.hits";
    public const string MissesName = "cached.misses";
    public const string FactoryRunsName = "cached.factory.runs";
    public const string CoalescedName = "cached.coalesced_waiters";
    public const string InvalidationsName = "cached.invalidations";
    public const string L2ErrorsName = "cached.l2.errors";
    public const string L2OversizedName = "cached.l2.oversized";
    public const string CorruptPayloadsName = "cached.payloads.corrupt";
    public const string InvalidationsSentName = "cached.backplane.sent";
    public const string InvalidationsReceivedName = "cached.backplane.received";
    public const string BackplaneLagName = "cached.backplane.lag";
    public const string ResyncsName = "cached.resyncs";
    public const string BreakerOpenName = "cached.l2.breaker.open";
    public const string LockWaitsServedName = "cached.lock.waits_served";
    public const string ReadDurationName = "cached.read.duration";

    /// <summary>The tag of <see cref="ReadDuration"/> naming the tier that served the read.</summary>
    public const string TierTag = "tier";
    public const string L1Tier = "l1";
    public const string L2Tier = "l2";
    public const string FactoryTier = "factory";

    private static readonly Meter s_meter = new(MeterName, typeof(CachedMetrics).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> L1Hits = s_meter.CreateCounter<long>(L1HitsName, "{hit}", "Reads served from L1 (memory).");
    public static readonly Counter<long> L2Hits = s_meter.CreateCounter<long>(L2HitsName, "{hit}", "Reads served from L2 (Redis).");
    public static readonly Counter<long> Misses = s_meter.CreateCounter<long>(MissesName, "{miss}", "Reads found in neither tier.");
    public static readonly Counter<long> FactoryRuns = s_meter.CreateCounter<long>(FactoryRunsName, "{run}", "Factory (underlying method) runs.");
    public static readonly Counter<long> CoalescedWaiters = s_meter.CreateCounter<long>(CoalescedName, "{caller}", "Callers that joined a running factory instead of starting one.");
    public static readonly Counter<long> Invalidations = s_meter.CreateCounter<long>(InvalidationsName, "{invalidation}", "Keys removed and tags invalidated.");
    public static readonly Counter<long> L2Errors = s_meter.CreateCounter<long>(L2ErrorsName, "{error}", "Redis calls that failed or timed out.");

    public static readonly Counter<long> L2Oversized = s_meter.CreateCounter<long>(
        L2OversizedName, "{entry}", "Values kept out of Redis because their payload exceeds L2:MaxPayloadBytes.");
    public static readonly Counter<long> CorruptPayloads = s_meter.CreateCounter<long>(CorruptPayloadsName, "{payload}", "L2 payloads that were corrupt, truncated or foreign.");

    public static readonly Counter<long> InvalidationsSent = s_meter.CreateCounter<long>(InvalidationsSentName, "{item}", "Keys and tags published on the backplane.");
    public static readonly Counter<long> InvalidationsReceived = s_meter.CreateCounter<long>(InvalidationsReceivedName, "{item}", "Keys and tags received from other nodes on the backplane.");
    public static readonly Histogram<double> BackplaneLag = s_meter.CreateHistogram<double>(BackplaneLagName, "ms", "Time from publishing a backplane message to applying it on another node (Redis time scale).");
    public static readonly Counter<long> Resyncs = s_meter.CreateCounter<long>(ResyncsName, "{resync}", "L1 drops after a lost backplane subscription or an open circuit breaker.");
    public static readonly UpDownCounter<long> BreakerOpen = s_meter.CreateUpDownCounter<long>(BreakerOpenName, "{breaker}", "Circuit breakers currently open (Redis calls skipped).");
    public static readonly Counter<long> LockWaitsServed = s_meter.CreateCounter<long>(LockWaitsServedName, "{caller}", "Flights served by another node's factory run while waiting on the distributed lock.");

    public static readonly Histogram<double> ReadDuration = s_meter.CreateHistogram<double>(ReadDurationName, "ms", "Time to serve a read of a cached method, tagged by the tier that served it: one sample per L1 hit, and one per flight (an L2 read or a factory run, shared by the callers that joined it).");

    /// <summary>A timestamp to time a read from, or 0 when nobody listens to <see cref="ReadDuration"/>.</summary>
    public static long ReadStart() => ReadDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Records a read timed from <paramref name="start"/> (a <see cref="ReadStart"/>); nothing when that was 0.</summary>
    public static void RecordRead(long start, string? method, string tier)
    {
        if (start != 0 && ReadDuration.Enabled)
        {
            ReadDuration.Record(
                Stopwatch.GetElapsedTime(start).TotalMilliseconds,
                new KeyValuePair<string, object?>(MethodTag, method ?? string.Empty),
                new KeyValuePair<string, object?>(TierTag, tier));
        }
    }

    public static void Add(Counter<long> counter, long value)
    {
        if (counter.Enabled)
        {
            counter.Add(value);
        }
    }

    public static void RecordLag(double milliseconds)
    {
        if (BackplaneLag.Enabled)
        {
            BackplaneLag.Record(milliseconds);
        }
    }

    public static void Count(Counter<long> counter, string? method)
    {
        if (counter.Enabled)
        {
            counter.Add(1, new KeyValuePair<string, object?>(MethodTag, method ?? string.Empty));
        }
    }
}
