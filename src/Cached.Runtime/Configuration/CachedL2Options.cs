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
}
