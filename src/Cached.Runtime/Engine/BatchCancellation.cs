namespace Cached.Engine;

/// <summary>
/// The token of a many-key read's factory call: cancelled once every flight it computes has lost all its waiters (the
/// many-key caller and any caller that joined one of its keys), as a single key's factory token is cancelled when the
/// last waiter of its flight leaves.
/// </summary>
internal sealed class BatchCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly CancellationTokenRegistration[] _registrations;
    private int _wanted;

    /// <param name="flightTokens">The factory tokens of the flights the call computes.</param>
    public BatchCancellation(IReadOnlyList<CancellationToken> flightTokens)
    {
        _wanted = flightTokens.Count;
        _registrations = new CancellationTokenRegistration[flightTokens.Count];
        for (var i = 0; i < _registrations.Length; i++)
        {
            // A flight abandoned already runs the callback at once.
            _registrations[i] = flightTokens[i].UnsafeRegister(static state => ((BatchCancellation)state!).Abandon(), this);
        }
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void Abandon()
    {
        if (Interlocked.Decrement(ref _wanted) == 0)
        {
            _source.Cancel();
        }
    }
}
