namespace Cached;

/// <summary>Settings of the L1 tier (in-process memory), configuration section <c>Cached:L1</c>.</summary>
public sealed class CachedL1Options
{
    /// <summary>
    /// Configuration key <c>L1:MaxEntries</c>: the most entries L1 holds; above it the eviction policy (S3-FIFO, see
    /// docs/architecture.md) removes the entries least likely to be read again. Default: <c>100000</c>. Must be at least 1.
    /// </summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>The configured text when it was not a whole number, reported by validation.</summary>
    internal string? UnparsedMaxEntries { get; set; }
}
