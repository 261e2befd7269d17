namespace Cached;

/// <summary>Settings of the L2 tier (Redis), configuration section <c>Cached:L2</c>.</summary>
public sealed class CachedL2Options
{
    /// <summary>
    /// Configuration key <c>L2:Timeout</c>: the bound on every Redis call. A call that takes longer is abandoned
    /// and treated as a miss (reads) or skipped (writes), so a slow Redis never fails a request. Duration string.
    /// Default: <c>"250ms"</c>. Must be greater than zero.
    /// </summary>
    public string Timeout { get; set; } = "250ms";

    /// <summary>
    /// Configuration key <c>L2:MaxKeyLength</c>: the longest key, in characters, used as is in a Redis key. A longer key
    /// (or tag) is stored under <c>#</c> and the SHA-256 of its text instead, so a key built from long arguments does
    /// not make a huge Redis key; the payload still carries the whole key, so two keys never share an entry.
    /// Default: <c>1024</c>. Must be at least 64.
    /// </summary>
    public int MaxKeyLength { get; set; } = 1024;

    /// <summary>
    /// Configuration key <c>L2:MaxPayloadBytes</c>: the largest payload written to Redis, in bytes. A larger value is
    /// kept in L1 only, with a warning in the log and the <c>cached.l2.oversized</c> counter, so one huge result
    /// cannot flood Redis and the network. Default: <c>1048576</c> (1 MiB). Must be at least 1024.
    /// </summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>The configured text of <see cref="MaxKeyLength"/> when it was not a whole number, reported by validation.</summary>
    internal string? UnparsedMaxKeyLength { get; set; }

    /// <summary>The configured text of <see cref="MaxPayloadBytes"/> when it was not a whole number, reported by validation.</summary>
    internal string? UnparsedMaxPayloadBytes { get; set; }
}
