namespace Cached.Tags;

/// <summary>
/// The clock of created-at and invalidation stamps: microseconds since the Unix epoch, on Redis's time scale.
/// </summary>
/// <remarks>
/// <para>
/// Stamps written by different nodes are compared with each other, so they must not come from each node's own
/// clock. Invalidation stamps written to Redis come from Redis <c>TIME</c>; a node estimates Redis time as its local
/// time (from the injected <see cref="TimeProvider"/>) plus an offset measured from <c>TIME</c> (see
/// <c>CacheEngine.Clock.cs</c>). The error of the estimate is bounded by half a round trip. Without Redis the offset
/// stays zero.
/// </para>
/// <para>
/// Stamps are strictly increasing on a node, and a node never hands out a stamp at or below one it has seen from
/// Redis (<see cref="Observe"/>): a factory that starts after this node learnt of an invalidation is ordered after it.
/// </para>
/// </remarks>
internal sealed class StampClock(TimeProvider time)
{
    private long _offsetMicros;
    private long _last;

    /// <summary>The measured offset of Redis time over local time, in microseconds.</summary>
    public long OffsetMicros => Volatile.Read(ref _offsetMicros);

    /// <summary>The next stamp: the estimate of Redis time, and strictly above every stamp handed out or observed.</summary>
    public long Now()
    {
        var estimate = LocalMicros() + Volatile.Read(ref _offsetMicros);
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var next = estimate > last ? estimate : last + 1;
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>
    /// The bound on how far this node's estimate of Redis time may be from another node's stamp, µs: the estimate's
    /// own error (half a round trip) plus Redis's coarse clock (<c>TIME</c> is read once per event-loop turn, so it
    /// can lag by the duration of a busy turn). Zero without Redis: one clock, exact.
    /// </summary>
    public long UncertaintyMicros { get; set; }

    /// <summary>
    /// The start stamp of a flight, minus <see cref="UncertaintyMicros"/>, so that a flight that began before another
    /// node's invalidation is ordered before it even when the two clocks disagree a little. The price: a flight that
    /// begins within the uncertainty after an invalidation of its key or tags does not store its result (its callers
    /// still get it).
    /// </summary>
    /// <remarks>
    /// Every miss takes one, so it is not a <see cref="Now"/>: that writes the shared last stamp on every call, and two
    /// cores missing together spent most of a miss waiting for each other's write. The estimate is rounded down to the
    /// millisecond and recorded only when it moves past the last stamp (at most once a millisecond); otherwise the start
    /// is the last stamp plus one, unrecorded. Either way every later stamp is at or above the start (an invalidation
    /// stamped equal to it counts as after it: its result is not stored), and the start is above every earlier stamp.
    /// </remarks>
    public long FlightStart()
    {
        var start = Estimate() / 1000 * 1000;
        var last = Volatile.Read(ref _last);
        while (start > last)
        {
            var seen = Interlocked.CompareExchange(ref _last, start, last);
            if (seen == last)
            {
                return start - UncertaintyMicros;
            }

            last = seen;
        }

        return last + 1 - UncertaintyMicros;
    }

    /// <summary>The current estimate of Redis time, without handing out a stamp (for durations, not ordering).</summary>
    public long Estimate() => LocalMicros() + Volatile.Read(ref _offsetMicros);

    /// <summary>Local time in microseconds since the Unix epoch, without the Redis offset.</summary>
    public long LocalMicros() => (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>Records a stamp seen from Redis, so that later stamps of this node are above it.</summary>
    public void Observe(long stamp)
    {
        while (true)
        {
            var last = Volatile.Read(ref _last);
            if (stamp <= last || Interlocked.CompareExchange(ref _last, stamp, last) == last)
            {
                return;
            }
        }
    }

    /// <summary>Sets the offset of Redis time over local time, measured from <c>TIME</c>.</summary>
    public void SetOffset(long offsetMicros) => Volatile.Write(ref _offsetMicros, offsetMicros);
}
