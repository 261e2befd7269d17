namespace Cached.Engine;

/// <summary>Spreads TTLs so that entries written together do not expire together (a synchronised stampede).</summary>
internal static class TtlJitter
{
    /// <summary>The shortest TTL jitter can produce: an entry always lives a little.</summary>
    public static readonly TimeSpan MinimumTtl = TimeSpan.FromMilliseconds(1);

    /// <summary>A TTL uniform in [<paramref name="ttl"/>−<paramref name="jitter"/>, <paramref name="ttl"/>+<paramref name="jitter"/>], clamped above zero.</summary>
    public static TimeSpan Apply(TimeSpan ttl, TimeSpan jitter)
    {
        if (jitter <= TimeSpan.Zero)
        {
            return ttl > TimeSpan.Zero ? ttl : MinimumTtl;
        }

        var low = Math.Max(ttl.Ticks - jitter.Ticks, MinimumTtl.Ticks);
        var high = ttl.Ticks > long.MaxValue - jitter.Ticks ? long.MaxValue - 1 : ttl.Ticks + jitter.Ticks;
        return high <= low ? TimeSpan.FromTicks(low) : TimeSpan.FromTicks(low + Random.Shared.NextInt64(high - low + 1));
    }
}
