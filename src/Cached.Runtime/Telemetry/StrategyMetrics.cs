using System.Diagnostics.Metrics;

namespace Cached.Telemetry;

/// <summary>
/// The counters of the freshness strategies and of write-behind, on the <c>Cached</c> meter, with the same
/// <c>method</c> tag as <see cref="CachedMetrics"/> (count them with <see cref="CachedMetrics.Count"/>).
/// </summary>
internal static class StrategyMetrics
{
    public const string StaleServedName = "cached.stale.served";
    public const string FailSafeName = "cached.failsafe.activations";
    public const string EarlyRefreshesName = "cached.refresh_ahead.runs";
    public const string WriteBehindJournaledName = "cached.write_behind.journaled";
    public const string WriteBehindFlushedName = "cached.write_behind.flushed";
    public const string WriteBehindRetriesName = "cached.write_behind.retries";
    public const string WriteBehindDeadLetteredName = "cached.write_behind.dead_lettered";
    public const string WriteBehindInlineName = "cached.write_behind.inline";

    private static readonly Meter s_meter = new(CachedMetrics.MeterName, typeof(StrategyMetrics).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> StaleServed = s_meter.CreateCounter<long>(StaleServedName, "{read}", "Reads served a stale value (stale-while-revalidate, soft timeout or fail-safe).");
    public static readonly Counter<long> FailSafeActivations = s_meter.CreateCounter<long>(FailSafeName, "{failure}", "Refreshes that failed while a stale value was served instead.");
    public static readonly Counter<long> EarlyRefreshes = s_meter.CreateCounter<long>(EarlyRefreshesName, "{run}", "Background refreshes started before expiry (refresh-ahead).");
    public static readonly Counter<long> WriteBehindJournaled = s_meter.CreateCounter<long>(WriteBehindJournaledName, "{call}", "Write-behind calls journaled in Redis.");
    public static readonly Counter<long> WriteBehindFlushed = s_meter.CreateCounter<long>(WriteBehindFlushedName, "{call}", "Journaled calls executed by the flusher.");
    public static readonly Counter<long> WriteBehindRetries = s_meter.CreateCounter<long>(WriteBehindRetriesName, "{attempt}", "Journaled calls retried after a failure.");
    public static readonly Counter<long> WriteBehindDeadLettered = s_meter.CreateCounter<long>(WriteBehindDeadLetteredName, "{call}", "Journaled calls moved to the dead-letter stream.");
    public static readonly Counter<long> WriteBehindInline = s_meter.CreateCounter<long>(WriteBehindInlineName, "{call}", "Write-behind calls run inline (no Redis, or the journal unreachable).");
}
