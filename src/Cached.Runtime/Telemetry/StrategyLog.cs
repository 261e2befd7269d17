using Microsoft.Extensions.Logging;

namespace Cached.Telemetry;

/// <summary>The log lines of the freshness strategies and of write-behind (event ids from 100).</summary>
internal static partial class Log
{
    /// <summary>Stable event ids of the strategies.</summary>
    public static class StrategyEventIds
    {
        public const int FailSafeServedStale = 100;
        public const int SoftTimeoutServedStale = 101;
        public const int EarlyRefreshFailed = 102;
        public const int WarmupFailed = 103;
        public const int WriteBehindInline = 110;
        public const int WriteBehindRetry = 111;
        public const int WriteBehindDeadLettered = 112;
        public const int WriteBehindClaimed = 113;
        public const int WriteBehindAlreadyDone = 114;
        public const int WriteBehindUnknownOperation = 115;
        public const int WriteBehindFlusherFailed = 116;
        public const int WriteBehindDrained = 117;
    }

    [LoggerMessage(EventId = StrategyEventIds.FailSafeServedStale, Level = LogLevel.Warning,
        Message = "Refresh of key {Key} failed; serving the stale value (fail-safe)")]
    public static partial void FailSafeServedStale(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventId = StrategyEventIds.SoftTimeoutServedStale, Level = LogLevel.Information,
        Message = "Refresh of key {Key} took longer than the soft timeout of {TimeoutMs} ms; serving the stale value while it finishes")]
    public static partial void SoftTimeoutServedStale(ILogger logger, string key, double timeoutMs);

    [LoggerMessage(EventId = StrategyEventIds.EarlyRefreshFailed, Level = LogLevel.Warning,
        Message = "Early refresh of key {Key} failed; the current value is served until it expires")]
    public static partial void EarlyRefreshFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventId = StrategyEventIds.WarmupFailed, Level = LogLevel.Warning,
        Message = "Cache warm-up {Warmup} failed; the cache fills on demand")]
    public static partial void WarmupFailed(ILogger logger, string warmup, Exception exception);

    [LoggerMessage(EventId = StrategyEventIds.WriteBehindInline, Level = LogLevel.Information,
        Message = "Write-behind {Operation} ran inline ({Reason}), idempotency key {IdempotencyKey}")]
    public static partial void WriteBehindInline(ILogger logger, string operation, string reason, string idempotencyKey);

    [LoggerMessage(EventId = StrategyEventIds.WriteBehindRetry, Level = LogLevel.Warning,
        Message = "Write-behind {Operation} entry {EntryId} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void WriteBehindRetry(ILogger logger, string operation, string entryId, int attempt, double delayMs, Exception exception);

    [LoggerMessage(EventId = StrategyEventIds.WriteBehindDeadLettered, Level = LogLevel.Error,
        Message = "Write-behind {Operation} entry {EntryId} failed {Attempts} times; moved to the dead-letter stream {Stream}")]
    public static partial void WriteBehindDeadLettered(ILogger logger, string operation, string entryId, int attempts, string stream, Exception? exception);

    [LoggerMessage(EventId = StrategyEventIds.WriteBehindClaimed, Level = LogLevel.Information,
        Message = "Write-behind flusher {Consumer} took over {Count} entries left pending by a stopped flusher")]
    public static partial void WriteBehindClaimed(ILogger logger, string consumer, int count);

    [LoggerMessage(EventId = StrategyEventIds.WriteBehindAlreadyDone, Level = LogLevel.Information,
        Message = "Write-behind entry {EntryId} (idempotency key {IdempotencyKey}) had already been executed; acknowledged without running it again")]
    public static partial void WriteBehindAlreadyDone(ILogger logger, string entryId, string idempotencyKey);

    [LoggerMessage(EventId = StrategyEventIds.WriteBehindUnknownOperation, Level = LogLevel.Error,
        Message = "Write-behind entry {EntryId} names operation {Operation}, which this application does not register")]
    public static partial void WriteBehindUnknownOperation(ILogger logger, string entryId, string operation);

    [LoggerMessage(EventId = StrategyEventIds.WriteBehindFlusherFailed, Level = LogLevel.Warning,
        Message = "Write-behind flusher {Consumer} could not reach the journal; trying again")]
    public static partial void WriteBehindFlusherFailed(ILogger logger, string consumer, Exception exception);

    [LoggerMessage(EventId = StrategyEventIds.WriteBehindDrained, Level = LogLevel.Information,
        Message = "Write-behind flusher {Consumer} stopped after draining {Count} entries")]
    public static partial void WriteBehindDrained(ILogger logger, string consumer, int count);
}
