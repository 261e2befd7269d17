using System.Reflection;
using System.Text.Json;

namespace Cached.Configuration;

/// <summary>The validated <see cref="CachedOptions"/>, parsed once: what the engine reads at run time.</summary>
internal sealed record CachedSettings
{
    public string? Redis { get; init; }

    public required string KeyPrefix { get; init; }

    public TimeSpan DefaultTtl { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan DefaultJitter { get; init; }

    public int L1MaxEntries { get; init; } = 100_000;

    public TimeSpan L2Timeout { get; init; } = TimeSpan.FromMilliseconds(250);

    public int L2MaxKeyLength { get; init; } = 1024;

    public int L2MaxPayloadBytes { get; init; } = 1024 * 1024;

    public JsonSerializerOptions? JsonSerializerOptions { get; init; }

    public TimeSpan ClockSyncInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan RedisWaitAtStartup { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ClockUncertainty { get; init; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan BackplaneHeartbeat { get; init; } = TimeSpan.FromSeconds(5);

    public int BreakerThreshold { get; init; } = 5;

    public TimeSpan BreakerDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan LockLease { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(10);

    public bool HasRedis => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>Parses validated options; throws if they were not validated (a bug, not a user error).</summary>
    public static CachedSettings From(CachedOptions options)
    {
        var errors = new CachedOptionsValidator("Cached").Validate(null, options);
        if (errors.Failed)
        {
            throw new InvalidOperationException(errors.FailureMessage);
        }

        Duration.TryParse(options.DefaultTtl, out var ttl);
        Duration.TryParse(options.DefaultJitter, out var jitter);
        Duration.TryParse(options.L2.Timeout, out var timeout);
        return new CachedSettings
        {
            Redis = string.IsNullOrWhiteSpace(options.Redis) ? null : options.Redis,
            KeyPrefix = string.IsNullOrEmpty(options.KeyPrefix) ? DefaultKeyPrefix() : options.KeyPrefix,
            DefaultTtl = ttl,
            DefaultJitter = jitter,
            L1MaxEntries = options.L1.MaxEntries,
            L2Timeout = timeout,
            L2MaxKeyLength = options.L2.MaxKeyLength,
            L2MaxPayloadBytes = options.L2.MaxPayloadBytes,
            JsonSerializerOptions = options.JsonSerializerOptions,
            ClockSyncInterval = options.ClockSyncInterval,
            RedisWaitAtStartup = options.RedisWaitAtStartup,
            ClockUncertainty = options.ClockUncertainty,
            BackplaneHeartbeat = options.BackplaneHeartbeat,
            BreakerThreshold = options.BreakerThreshold,
            BreakerDuration = options.BreakerDuration,
            LockLease = options.LockLease,
            LockWait = options.LockWait,
        };
    }

    private static string DefaultKeyPrefix() => Assembly.GetEntryAssembly()?.GetName().Name ?? "Cached";
}
