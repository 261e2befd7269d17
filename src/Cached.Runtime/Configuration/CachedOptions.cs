using System.Text.Json;

namespace Cached;

/// <summary>
/// Settings of the Cached engine, bound from the <c>Cached</c> configuration section by
/// <c>AddCached(section)</c> or set in code by <c>AddCached(options =&gt; ...)</c>; validated at startup.
/// </summary>
/// <remarks>
/// Durations are strings in the syntax of the attributes: <c>"500ms"</c>, <c>"30s"</c>, <c>"5m"</c>, <c>"2h"</c>,
/// <c>"1d"</c> or <c>hh:mm:ss</c>. A bad value stops the application at startup with a message naming the setting.
/// </remarks>
public sealed class CachedOptions
{
    /// <summary>
    /// Configuration key <c>Redis</c>: a StackExchange.Redis configuration string, such as
    /// <c>"localhost:6379"</c>, for the L2 tier. Default: empty, which runs the engine with L1 (memory) only.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// Configuration key <c>KeyPrefix</c>: the prefix of every Redis key (entries and tag stamps), so that
    /// applications sharing a Redis never see each other's keys. Default: the name of the entry assembly.
    /// </summary>
    public string? KeyPrefix { get; set; }

    /// <summary>
    /// Configuration key <c>DefaultTtl</c>: how long an entry lives when its <c>[Cached]</c> attribute (or the call)
    /// gives no TTL. Duration string. Default: <c>"5m"</c> (five minutes). Must be greater than zero.
    /// </summary>
    public string DefaultTtl { get; set; } = "5m";

    /// <summary>
    /// Configuration key <c>DefaultJitter</c>: the jitter J applied when the attribute gives none; an entry then
    /// lives a uniformly random time in [Ttl−J, Ttl+J]. Duration string. Default: <c>"0s"</c> (no jitter).
    /// </summary>
    public string DefaultJitter { get; set; } = "0s";

    /// <summary>Configuration section <c>L1</c>: the in-process memory tier.</summary>
    public CachedL1Options L1 { get; } = new();

    /// <summary>Configuration section <c>L2</c>: the Redis tier.</summary>
    public CachedL2Options L2 { get; } = new();

    /// <summary>
    /// The System.Text.Json options used to serialize values for L2 (code only, not bound from configuration).
    /// For native AOT and trimming, set <see cref="JsonSerializerOptions.TypeInfoResolver"/> to a
    /// <c>JsonSerializerContext</c> that covers every cached result type. Default: <c>null</c>, which uses the
    /// reflection-based resolver where reflection is enabled (not under native AOT).
    /// </summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }

    /// <summary>How often a node re-measures the offset between its clock and Redis time. Default: one minute.</summary>
    internal TimeSpan ClockSyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far apart two nodes' stamps may be for the same instant (see <c>StampClock.UncertaintyMicros</c>). Default: 10 ms.</summary>
    internal TimeSpan ClockUncertainty { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How often a node checks its backplane subscription with a marker to itself (three missed: resubscribe and resync). Default: 5 s.</summary>
    internal TimeSpan BackplaneHeartbeat { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive Redis failures or timeouts that open the circuit breaker. Default: 5.</summary>
    internal int BreakerThreshold { get; set; } = 5;

    /// <summary>How long the open breaker makes no Redis call before it lets one probe through. Default: 500 ms.</summary>
    internal TimeSpan BreakerDuration { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a distributed-lock lease lasts if its holder never releases it. Default: 30 s.</summary>
    internal TimeSpan LockLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a node waits for another node's factory (polling L2) before it runs its own. Default: 10 s.</summary>
    internal TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the engine's creation waits for the Redis connection before it starts without L2. Default: one second.</summary>
    internal TimeSpan RedisWaitAtStartup { get; set; } = TimeSpan.FromSeconds(1);
}
