namespace Cached.Engine;

/// <summary>One run of a key's factory (or L2 read), shared by every caller that missed the key meanwhile.</summary>
internal abstract class Flight(string key, long startStamp)
{
    private int _invalidated;

    public string Key { get; } = key;

    /// <summary>
    /// When the flight began, as a stamp: the created-at of what it stores, and the point an invalidation is compared
    /// with (an invalidation stamped at or after it means the result may be older than the data: do not store).
    /// </summary>
    public long StartStamp { get; } = startStamp;

    /// <summary>Whether the key was removed or overwritten while the flight ran.</summary>
    public bool IsInvalidated => Volatile.Read(ref _invalidated) != 0;

    public void Invalidate() => Volatile.Write(ref _invalidated, 1);
}

/// <summary>A flight producing a <typeparamref name="T"/>, with reference-counted waiters.</summary>
/// <remarks>
/// Each waiter may cancel its own wait. The factory's token is cancelled only when the last waiter has left, and a
/// flight whose waiters all left is removed at once so that the next caller starts afresh instead of joining it.
/// A flight of a many-key read (<see cref="MayEndWithoutValue"/>) may end without a value: its factory returned none
/// for the key.
/// </remarks>
internal sealed class Flight<T>(SingleFlight? owner, string key, long startStamp, bool mayEndWithoutValue = false, bool cancellable = true)
    : Flight(key, startStamp)
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // A flight whose first waiter cannot leave (its wait is not cancellable) never cancels its factory: no source then.
    private readonly CancellationTokenSource? _factoryCancellation = cancellable ? new() : null;
    private int _waiters = 1;
    private int _noValue;

    /// <summary>Cancelled when every waiter has cancelled its wait.</summary>
    public CancellationToken FactoryToken => _factoryCancellation?.Token ?? CancellationToken.None;

    /// <summary>Whether a many-key read runs this flight: its factory may return no value for the key.</summary>
    public bool MayEndWithoutValue { get; } = mayEndWithoutValue;

    /// <summary>Whether the flight ended without a value (read once its wait completed): nothing was stored for the key.</summary>
    public bool HasNoValue => Volatile.Read(ref _noValue) != 0;

    /// <summary>The result, if the flight has already succeeded (a factory that completed synchronously).</summary>
    public bool TryGetResult([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value)
    {
        if (_result.Task.IsCompletedSuccessfully && !HasNoValue)
        {
            value = _result.Task.Result;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Adds a waiter, unless every waiter already left (the flight is then being abandoned).</summary>
    public bool TryJoin()
    {
        while (true)
        {
            var waiters = Volatile.Read(ref _waiters);
            if (waiters <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _waiters, waiters + 1, waiters) == waiters)
            {
                return true;
            }
        }
    }

    /// <summary>Waits for the result; <paramref name="cancellationToken"/> ends this wait only.</summary>
    public async ValueTask<T> WaitAsync(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return await _result.Task.ConfigureAwait(false);
        }

        try
        {
            return await _result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Leave();
            throw;
        }
    }

    /// <summary>Hands <paramref name="value"/> to every waiter. Whatever had to be stored is stored before this.</summary>
    public void Complete(T value)
    {
        owner?.Remove(this);
        _result.TrySetResult(value);
    }

    /// <summary>Ends the flight without a value (see <see cref="HasNoValue"/>): its waiters get <c>default</c> and must check.</summary>
    public void CompleteWithoutValue()
    {
        Volatile.Write(ref _noValue, 1);
        Complete(default!);
    }

    /// <summary>Hands <paramref name="exception"/> to every waiter; nothing is stored.</summary>
    public void Fail(Exception exception)
    {
        owner?.Remove(this);
        if (exception is OperationCanceledException && _factoryCancellation is { IsCancellationRequested: true } cancellation)
        {
            _result.TrySetCanceled(cancellation.Token);
        }
        else
        {
            _result.TrySetException(exception);
        }

        if (Volatile.Read(ref _waiters) <= 0)
        {
            _ = _result.Task.Exception; // nobody waits: observed here, not reported as unobserved
        }
    }

    /// <summary>
    /// Gives up a wait without having awaited it (a many-key caller that stops waiting for the rest of its keys);
    /// <see cref="WaitAsync"/> does this itself when its token is cancelled.
    /// </summary>
    public void Leave()
    {
        if (Interlocked.Decrement(ref _waiters) == 0 && !_result.Task.IsCompleted)
        {
            owner?.Remove(this);
            _factoryCancellation?.Cancel();
        }
    }
}
