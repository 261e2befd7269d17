using Cached.L2;

namespace Cached.Locking;

/// <summary>
/// Keeps a held distributed-lock lease alive while its factory runs: every third of the lease it extends the lease
/// (only if the token still matches), so a factory slower than the lease does not let another node take the key and
/// run the same factory. Stops when disposed, or when the lease turns out lost (expired while Redis was unreachable,
/// then taken by another node): the factory goes on, and its result is stored as any other.
/// </summary>
internal sealed class LeaseRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public LeaseRenewal(RedisL2 l2, string key, string token, TimeSpan lease)
    {
        _renewing = RenewAsync(l2, key, token, lease, _stop.Token);
    }

    /// <summary>Stops renewing; the holder releases the lease afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        _stop.Dispose();
    }

    private static async Task RenewAsync(RedisL2 l2, string key, string token, TimeSpan lease, CancellationToken stop)
    {
        var every = lease / 3;
        while (true)
        {
            try
            {
                await Task.Delay(every, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // null: Redis did not answer this time; the lease may still be ours, so try again next round.
            if (await l2.RenewLeaseAsync(key, token, lease).ConfigureAwait(false) is false)
            {
                return;
            }
        }
    }
}
