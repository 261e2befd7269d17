using System.Collections.Concurrent;

namespace Cached.Runtime.Tests.Support;

/// <summary>
/// A data source behind cache reads: one row per key (<see cref="RowOf"/>) except the <see cref="Missing"/> ones,
/// read one at a time (<see cref="GetAsync"/>) or in batches (<see cref="GetManyAsync"/>). It counts the reads of
/// each key and, when held, keeps every call waiting until <see cref="Release"/>.
/// </summary>
internal sealed class KeyedSource
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string[]> _batches = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public KeyedSource(bool held = false)
    {
        if (!held)
        {
            _released.SetResult();
        }
    }

    /// <summary>Keys the source has no row for (set before use).</summary>
    public HashSet<string> Missing { get; } = new(StringComparer.Ordinal);

    /// <summary>Completed when a first call has begun.</summary>
    public Task Started => _started.Task;

    /// <summary>The keys of each batch call, in call order.</summary>
    public IReadOnlyList<string[]> Batches => [.. _batches];

    /// <summary>The token the last batch call was given.</summary>
    public CancellationToken LastBatchToken { get; private set; }

    /// <summary>What <see cref="GetManyAsync"/> throws, if set.</summary>
    public Exception? Failure { get; set; }

    public static string RowOf(string key) => $"row of {key}";

    /// <summary>How many times <paramref name="key"/> was read, by either method.</summary>
    public int Reads(string key) => _reads.GetValueOrDefault(key);

    public void Release() => _released.TrySetResult();

    public async ValueTask<IReadOnlyDictionary<string, string>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        _batches.Enqueue([.. keys]);
        LastBatchToken = cancellationToken;
        _started.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        if (Failure is not null)
        {
            throw Failure;
        }

        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            _reads.AddOrUpdate(key, 1, static (_, n) => n + 1);
            if (!Missing.Contains(key))
            {
                rows[key] = RowOf(key);
            }
        }

        return rows;
    }

    public async ValueTask<string> GetAsync(string key, CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        _reads.AddOrUpdate(key, 1, static (_, n) => n + 1);
        return RowOf(key);
    }
}
