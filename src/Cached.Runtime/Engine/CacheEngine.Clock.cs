using System.Diagnostics;
using Cached.Telemetry;

namespace Cached;

public sealed partial class CacheEngine
{
    private long _nextClockSync;
    private int _clockSyncing;

    /// <summary>
    /// Re-measures the offset of Redis time over local time when due (at start, then every
    /// <c>ClockSyncInterval</c>), in the background: no request waits for it.
    /// </summary>
    private void SyncClockIfDue()
    {
        if (_l2 is null || Environment.TickCount64 < Volatile.Read(ref _nextClockSync)
            || Interlocked.Exchange(ref _clockSyncing, 1) == 1)
        {
            return;
        }

        _ = SyncClockAsync();
    }

    private async Task SyncClockAsync()
    {
        try
        {
            // Three samples, keeping the one with the shortest round trip: its error bound is the smallest.
            long? offset = null;
            var roundTrip = long.MaxValue;
            for (var sample = 0; sample < 3; sample++)
            {
                var started = Stopwatch.GetTimestamp();
                var before = _clock.LocalMicros();
                var redisTime = await _l2!.TimeAsync().ConfigureAwait(false);
                var after = _clock.LocalMicros();
                var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                if (redisTime is { } time && elapsed < roundTrip)
                {
                    // Redis read its clock somewhere in the round trip: assume the middle (error ≤ half the round trip).
                    offset = time - ((before + after) / 2);
                    roundTrip = elapsed;
                }
            }

            if (offset is null)
            {
                Volatile.Write(ref _nextClockSync, Environment.TickCount64 + 1000);
                return;
            }

            _clock.SetOffset(offset.Value);
            Log.ClockSynchronized(_logger, offset.Value, roundTrip);
            Volatile.Write(ref _nextClockSync, Environment.TickCount64 + (long)_settings.ClockSyncInterval.TotalMilliseconds);
        }
        finally
        {
            Volatile.Write(ref _clockSyncing, 0);
        }
    }
}
