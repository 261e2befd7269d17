using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Cached.Telemetry;
using Microsoft.Extensions.Logging;

namespace Cached.L1;

/// <summary>
/// The in-process tier: a dictionary of entries bounded by a count, looked up by span without allocating.
/// </summary>
/// <remarks>
/// <para>
/// Eviction is batched approximate LRU. When an insert takes the count above the bound, the inserting thread (one
/// at a time; others carry on) first drops stale entries (expired, or invalidated by a tag), then, if still above,
/// evicts the least recently hit entries down to 95 % of the bound, ranking by each entry's last-hit millisecond
/// tick (ties broken arbitrarily). Trimming a batch at once amortises the scan: about 20 entries visited per insert.
/// A frequency-aware policy (W-TinyLFU, which keeps a hot working set through scans) is a planned replacement.
/// </para>
/// <para>
/// The count is kept with interlocked increments because <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes
/// every lock of the dictionary.
/// </para>
/// </remarks>
internal sealed class L1Store
{
    private readonly ConcurrentDictionary<string, L1Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, L1Entry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Func<L1Entry, bool> _isStale;
    private readonly ILogger _logger;
    private int _count;
    private int _trimming;

    /// <param name="maxEntries">The bound, in entries.</param>
    /// <param name="isStale">Whether an entry is expired or invalidated (dropped first when trimming).</param>
    /// <param name="logger">For trim reports.</param>
    public L1Store(int maxEntries, Func<L1Entry, bool> isStale, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        MaxEntries = maxEntries;
        _isStale = isStale;
        _logger = logger;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int MaxEntries { get; }

    /// <summary>The number of entries (approximate while inserts and removals race).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Finds the entry of <paramref name="key"/> without allocating; validity is the caller's business.</summary>
    public bool TryGet(ReadOnlySpan<char> key, [NotNullWhen(true)] out L1Entry? entry)
    {
        if (_bySpan.TryGetValue(key, out entry))
        {
            entry.Touch();
            return true;
        }

        return false;
    }

    /// <summary>Adds or replaces the entry of <see cref="L1Entry.Key"/>, then trims if over the bound.</summary>
    public void Set(L1Entry entry)
    {
        while (true)
        {
            if (_entries.TryGetValue(entry.Key, out var existing))
            {
                if (_entries.TryUpdate(entry.Key, entry, existing))
                {
                    return;
                }
            }
            else if (_entries.TryAdd(entry.Key, entry))
            {
                if (Interlocked.Increment(ref _count) > MaxEntries)
                {
                    Trim();
                }

                return;
            }
        }
    }

    /// <summary>Removes the entry of <paramref name="key"/>, whatever it is.</summary>
    public bool Remove(string key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }

    /// <summary>Removes <paramref name="entry"/> only if it is still the entry of its key.</summary>
    public bool Remove(L1Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, L1Entry>(entry.Key, entry)))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        foreach (var pair in _entries)
        {
            Remove(pair.Value);
        }
    }

    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            // Inserts that raced with a trim may leave the count above the bound: go again until it holds.
            while (Count > MaxEntries)
            {
                var target = MaxEntries - Math.Max(1, MaxEntries / 20);
                var stale = RemoveStale();
                var evicted = Count > target ? EvictLeastRecentlyUsed(target) : 0;
                Log.L1Trimmed(_logger, stale + evicted, stale, Count);
                if (stale + evicted == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private int RemoveStale()
    {
        var removed = 0;
        foreach (var pair in _entries)
        {
            if (_isStale(pair.Value) && Remove(pair.Value))
            {
                removed++;
            }
        }

        return removed;
    }

    private int EvictLeastRecentlyUsed(int target)
    {
        var excess = Count - target;
        if (excess <= 0)
        {
            return 0;
        }

        var ticks = ArrayPool<long>.Shared.Rent(Count + 64);
        try
        {
            var n = 0;
            foreach (var pair in _entries)
            {
                if (n == ticks.Length)
                {
                    break;
                }

                ticks[n++] = pair.Value.LastAccess;
            }

            if (n == 0)
            {
                return 0;
            }

            var sorted = ticks.AsSpan(0, n);
            sorted.Sort();
            var cutoff = sorted[Math.Min(excess, n) - 1];

            var removed = 0;
            foreach (var pair in _entries)
            {
                if (removed >= excess)
                {
                    break;
                }

                if (pair.Value.LastAccess <= cutoff && Remove(pair.Value))
                {
                    removed++;
                }
            }

            return removed;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ticks);
        }
    }
}
