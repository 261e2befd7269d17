namespace Cached.Resilience;

/// <summary>
/// Stops calling a Redis that keeps failing: after <c>threshold</c> consecutive failures or timeouts the breaker opens
/// and no call is made for <c>breakFor</c>; then one call goes through as a probe (half-open). A successful probe
/// closes the breaker (and raises <see cref="Closed"/>, so the engine resynchronises its L1); a failed one opens it
/// again.
/// </summary>
/// <remarks>
/// While the breaker is open a request costs no Redis call and no timeout: it is served from L1 and its factory.
/// Time is <see cref="Environment.TickCount64"/> (monotonic, unaffected by the injected clock of expiry tests).
/// </remarks>
internal sealed class CircuitBreaker(int threshold, TimeSpan breakFor)
{
    private const int ClosedState = 0;
    private const int OpenState = 1;
    private const int HalfOpenState = 2;

    private int _state;
    private int _failures;
    private long _openUntil;

    /// <summary>Raised when the breaker closes after having been open: calls made meanwhile were skipped.</summary>
    public event Action? Closed;

    /// <summary>Raised when the breaker opens.</summary>
    public event Action? Opened;

    /// <summary>Whether calls are being skipped (open, or half-open with its probe running).</summary>
    public bool IsOpen => Volatile.Read(ref _state) != ClosedState;

    /// <summary>Whether a call may be made now; in the open state, the first call after the break is the probe.</summary>
    public bool AllowCall()
    {
        switch (Volatile.Read(ref _state))
        {
            case ClosedState:
                return true;
            case OpenState:
                return Environment.TickCount64 >= Volatile.Read(ref _openUntil)
                    && Interlocked.CompareExchange(ref _state, HalfOpenState, OpenState) == OpenState;
            default:
                return false;
        }
    }

    /// <summary>Records a call that succeeded.</summary>
    public void OnSuccess()
    {
        Volatile.Write(ref _failures, 0);
        if (Volatile.Read(ref _state) != ClosedState && Interlocked.Exchange(ref _state, ClosedState) != ClosedState)
        {
            Closed?.Invoke();
        }
    }

    /// <summary>Records a call that failed or timed out.</summary>
    public void OnFailure()
    {
        if (Volatile.Read(ref _state) == HalfOpenState)
        {
            Volatile.Write(ref _openUntil, Environment.TickCount64 + (long)breakFor.TotalMilliseconds);
            Volatile.Write(ref _state, OpenState);
            return;
        }

        if (Interlocked.Increment(ref _failures) < threshold || Volatile.Read(ref _state) != ClosedState)
        {
            return;
        }

        // The deadline first, then the state: a caller that sees "open" also sees when the break ends.
        Volatile.Write(ref _openUntil, Environment.TickCount64 + (long)breakFor.TotalMilliseconds);
        if (Interlocked.CompareExchange(ref _state, OpenState, ClosedState) == ClosedState)
        {
            Opened?.Invoke();
        }
    }
}
