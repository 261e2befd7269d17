using System.Security.Cryptography;
using Cached.Engine;
using Cached.L2;
using Cached.Locking;
using Cached.Telemetry;

namespace Cached;

public sealed partial class CacheEngine
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Distributed single-flight for a key that missed L1 and L2: take the key's lease in Redis (<c>SET NX PX</c> with a
    /// random token, renewed while the factory runs) and run the factory, or, while another node holds it, poll L2 for its value (10 ms, doubling up to
    /// 100 ms) and retry the lease, for at most the lock wait.
    /// </summary>
    /// <returns>
    /// The lease (run the factory, then release it), another node's value, or <c>null</c>: Redis did not answer or the
    /// wait ran out, so this node runs its factory without a lease.
    /// </returns>
    private async ValueTask<LeaseOutcome<T>?> AcquireLeaseOrAwaitValueAsync<T>(Flight<T> flight, EntrySettings settings, string[] tags)
    {
        using var activity = CachedActivities.StartLock(flight.Key, settings.Method);
        var l2 = _l2!;
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var deadline = Environment.TickCount64 + (long)_settings.LockWait.TotalMilliseconds;
        var delay = FirstPoll;
        while (true)
        {
            var acquired = await l2.TryAcquireLeaseAsync(flight.Key, token, _settings.LockLease).ConfigureAwait(false);
            if (acquired is null)
            {
                return null;
            }

            if (acquired.Value)
            {
                // The previous holder may have stored its value between this node's L2 miss and now.
                var (stored, value) = await TryReadL2Async(flight, settings, tags).ConfigureAwait(false);
                if (!stored)
                {
                    return LeaseOutcome<T>.Held(flight.Key, token, new LeaseRenewal(l2, flight.Key, token, _settings.LockLease));
                }

                await l2.ReleaseLeaseAsync(flight.Key, token).ConfigureAwait(false);
                return LeaseOutcome<T>.Found(flight.Key, value);
            }

            if (Environment.TickCount64 >= deadline)
            {
                Log.LockWaitExpired(_logger, flight.Key, _settings.LockWait.TotalMilliseconds);
                return null;
            }

            try
            {
                await Task.Delay(delay, flight.FactoryToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null; // every caller left; the factory is not run for nobody (it sees its cancelled token)
            }

            delay = delay * 2 < LongestPoll ? delay * 2 : LongestPoll;
            var (found, fromOtherNode) = await TryReadL2Async(flight, settings, tags).ConfigureAwait(false);
            if (found)
            {
                CachedMetrics.Count(CachedMetrics.LockWaitsServed, settings.Method);
                return LeaseOutcome<T>.Found(flight.Key, fromOtherNode);
            }
        }
    }

    private async Task ReleaseLeaseAsync<T>(LeaseOutcome<T>? lease)
    {
        if (lease?.Renewal is { } renewal)
        {
            await renewal.DisposeAsync().ConfigureAwait(false);
        }

        if (lease?.Token is { } token)
        {
            await _l2!.ReleaseLeaseAsync(lease.Key, token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether <paramref name="flight"/> began so long ago that a removal of its key could have left no tombstone
    /// any more (<see cref="RedisL2.RemovalWindow"/>): it then does not write to L2, so that it cannot undo one.
    /// </summary>
    private bool OutlivedRemovalWindow(Flight flight)
        => _clock.Estimate() - flight.StartStamp > (long)RedisL2.RemovalWindow.TotalMicroseconds;
}
