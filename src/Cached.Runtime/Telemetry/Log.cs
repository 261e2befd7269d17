using Microsoft.Extensions.Logging;

namespace Cached.Telemetry;

/// <summary>Every log line of the engine, source-generated. Each names the key so one entry can be followed across nodes.</summary>
internal static partial class Log
{
    /// <summary>Stable event ids: operators filter and alert on them.</summary>
    public static class EventIds
    {
        public const int L2Failed = 1;
        public const int L2TimedOut = 2;
        public const int CorruptPayload = 3;
        public const int NotStoredAfterInvalidation = 4;
        public const int FactoryFailed = 5;
        public const int L1Trimmed = 6;
        public const int ClockSynchronized = 7;
        public const int L2Skipped = 8;
        public const int SerializationFailed = 9;
        public const int RedisConnectionFailed = 10;
        public const int RedisConnectionRestored = 11;
        public const int BreakerOpened = 12;
        public const int Resynchronized = 13;
        public const int BackplaneLost = 14;
        public const int BackplaneSubscribed = 15;
        public const int BackplaneMessageUnreadable = 16;
        public const int LockWaitExpired = 17;
        public const int CopyFailed = 18;
        public const int PayloadTooLarge = 19;
    }

    [LoggerMessage(EventId = EventIds.L2Failed, Level = LogLevel.Warning,
        Message = "Redis {Operation} failed for key {Key}; continuing without L2")]
    public static partial void L2Failed(ILogger logger, string operation, string key, Exception exception);

    [LoggerMessage(EventId = EventIds.L2TimedOut, Level = LogLevel.Warning,
        Message = "Redis {Operation} for key {Key} took longer than {TimeoutMs} ms; continuing without L2")]
    public static partial void L2TimedOut(ILogger logger, string operation, string key, double timeoutMs);

    [LoggerMessage(EventId = EventIds.CorruptPayload, Level = LogLevel.Warning,
        Message = "L2 payload of key {Key} is unreadable ({Reason}); treated as a miss")]
    public static partial void CorruptPayload(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = EventIds.NotStoredAfterInvalidation, Level = LogLevel.Debug,
        Message = "Result for key {Key} not stored: the key or one of its tags was invalidated while the factory ran")]
    public static partial void NotStoredAfterInvalidation(ILogger logger, string key);

    [LoggerMessage(EventId = EventIds.FactoryFailed, Level = LogLevel.Debug,
        Message = "Factory for key {Key} failed; the exception goes to every waiting caller and nothing is cached")]
    public static partial void FactoryFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventId = EventIds.L1Trimmed, Level = LogLevel.Debug,
        Message = "L1 trimmed {Removed} entries ({Stale} stale) down to {Count}")]
    public static partial void L1Trimmed(ILogger logger, int removed, int stale, int count);

    [LoggerMessage(EventId = EventIds.ClockSynchronized, Level = LogLevel.Debug,
        Message = "Redis time is {OffsetMicros} µs ahead of the local clock (round trip {RoundTripMicros} µs)")]
    public static partial void ClockSynchronized(ILogger logger, long offsetMicros, long roundTripMicros);

    [LoggerMessage(EventId = EventIds.L2Skipped, Level = LogLevel.Debug,
        Message = "Redis is not connected; {Operation} of key {Key} skipped")]
    public static partial void L2Skipped(ILogger logger, string operation, string key);

    [LoggerMessage(EventId = EventIds.SerializationFailed, Level = LogLevel.Warning,
        Message = "Value of key {Key} could not be serialized as {Type}; not written to L2")]
    public static partial void SerializationFailed(ILogger logger, string key, string type, Exception exception);

    [LoggerMessage(EventId = EventIds.PayloadTooLarge, Level = LogLevel.Warning,
        Message = "Value of key {Key} serializes to {Bytes} bytes, above L2:MaxPayloadBytes ({MaxBytes}); kept in L1 only")]
    public static partial void PayloadTooLarge(ILogger logger, string key, int bytes, int maxBytes);

    [LoggerMessage(EventId = EventIds.CopyFailed, Level = LogLevel.Warning,
        Message = "Value of key {Key} could not be copied through the serializer as {Type}; callers share one instance of it")]
    public static partial void CopyFailed(ILogger logger, string key, string type, Exception exception);

    [LoggerMessage(EventId = EventIds.RedisConnectionFailed, Level = LogLevel.Warning,
        Message = "Redis connection to {Endpoint} lost ({FailureType}); serving from L1 and factories until it returns")]
    public static partial void RedisConnectionFailed(ILogger logger, string endpoint, string failureType, Exception? exception);

    [LoggerMessage(EventId = EventIds.RedisConnectionRestored, Level = LogLevel.Information,
        Message = "Redis connection to {Endpoint} restored")]
    public static partial void RedisConnectionRestored(ILogger logger, string endpoint);

    [LoggerMessage(EventId = EventIds.BreakerOpened, Level = LogLevel.Warning,
        Message = "Redis keeps failing: circuit breaker open, no Redis call for {BreakMs} ms, then one probe")]
    public static partial void BreakerOpened(ILogger logger, double breakMs);

    [LoggerMessage(EventId = EventIds.Resynchronized, Level = LogLevel.Information,
        Message = "L1 resynchronised ({Reason}): {Dropped} entries dropped, running factories will not store")]
    public static partial void Resynchronized(ILogger logger, string reason, int dropped);

    [LoggerMessage(EventId = EventIds.BackplaneLost, Level = LogLevel.Warning,
        Message = "Backplane subscription to {Channel} lost on instance {InstanceId}; L1 is resynchronised when it returns")]
    public static partial void BackplaneLost(ILogger logger, string channel, Guid instanceId);

    [LoggerMessage(EventId = EventIds.BackplaneSubscribed, Level = LogLevel.Information,
        Message = "Backplane subscribed to {Channel} on instance {InstanceId} ({Reason})")]
    public static partial void BackplaneSubscribed(ILogger logger, string channel, Guid instanceId, string reason);

    [LoggerMessage(EventId = EventIds.BackplaneMessageUnreadable, Level = LogLevel.Warning,
        Message = "Unreadable backplane message on {Channel}; ignored")]
    public static partial void BackplaneMessageUnreadable(ILogger logger, string channel);

    [LoggerMessage(EventId = EventIds.LockWaitExpired, Level = LogLevel.Information,
        Message = "Waited {WaitMs} ms for another node's factory of key {Key}; running it here")]
    public static partial void LockWaitExpired(ILogger logger, string key, double waitMs);
}
