namespace Cached.Runtime.Tests.Strategies;

/// <summary>
/// A factory the test steers: returns its current value at once, or holds callers until released, or throws; counts runs.
/// </summary>
internal sealed class GatedSource(string value)
{
    private readonly object _gate = new();
    private string _value = value;
    private TaskCompletionSource? _held;
    private Exception? _failure;
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    /// <summary>Later runs wait for <see cref="Release"/>, then return <paramref name="next"/>.</summary>
    public void Hold(string next)
    {
        lock (_gate)
        {
            _value = next;
            _failure = null;
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _held?.TrySetResult();
            _held = null;
        }
    }

    /// <summary>Later runs throw <paramref name="failure"/>.</summary>
    public void Fail(Exception failure)
    {
        lock (_gate)
        {
            _failure = failure;
        }
    }

    public async ValueTask<string> LoadAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        Task? held;
        lock (_gate)
        {
            held = _held?.Task;
        }

        if (held is not null)
        {
            await held.WaitAsync(cancellationToken);
        }

        lock (_gate)
        {
            return _failure is null ? _value : throw _failure;
        }
    }
}
