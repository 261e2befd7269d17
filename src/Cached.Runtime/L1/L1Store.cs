using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Cached.Telemetry;
using Microsoft.Extensions.Logging;

namespace Cached.L1;

/// <summary>
/// The in-process tier: entries bounded by a count, looked up by span without allocating or writing shared state, and
/// evicted by S3-FIFO, a frequency-aware policy whose hit costs one relaxed counter increment.
/// </summary>
/// <remarks>
/// <para>
/// Lookups read a <see cref="ConcurrentDictionary{TKey,TValue}"/> (lock-free) and bump the entry's 2-bit access count,
/// only while it is below its cap, so a hot entry is not written on every hit. Everything else (stores, removals,
/// eviction) runs under one lock: it is the miss path, which has already paid for a factory run or a Redis read.
/// </para>
/// <para>
/// The policy (Yang et al., "FIFO queues are all you need for cache eviction", SOSP 2023): new keys enter a small FIFO
/// (5 % of the bound; the paper uses 10 %, 5 % kept 0.3 points more on the Zipf workload). An entry leaving it that was
/// hit while there moves to the main FIFO; one that was not leaves,
/// and its key is remembered in a ghost FIFO, so that if it comes back soon it goes straight to main. The main FIFO is
/// a CLOCK: an entry at its head that was hit since it last passed goes round again with its count lowered, one that
/// was not is evicted. One-hit wonders therefore pass through the small queue without pushing out the hot working set,
/// which LRU cannot do. On Zipf(0.99) over 100k keys with 10k entries it keeps about as many requests in memory as
/// W-TinyLFU (docs/benchmarks.md), with a hit path several times cheaper.
/// </para>
/// <para>
/// Removed and replaced entries are only marked; the queues drop them when they reach the head, and are rebuilt when
/// more than half of them is dead. Entries that are stale (expired, or invalidated by a tag) are dropped first: before
/// the policy evicts a live entry, a sweep (at most once per bound's worth of inserts, so one entry visited per insert)
/// removes them; between sweeps the queues drop stale entries as they reach their heads, whatever their count.
/// </para>
/// </remarks>
internal sealed class L1Store
{
    /// <summary>The cap of an entry's access count (2 bits, as in the paper).</summary>
    private const int MaxFrequency = 3;

    private readonly ConcurrentDictionary<string, L1Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, L1Entry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Func<L1Entry, bool> _isStale;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly EntryQueue _small = new();
    private readonly EntryQueue _main = new();
    private readonly GhostKeys _ghost;
    private readonly int _smallTarget;
    private int _insertsSinceSweep;
    private int _count;

    /// <param name="maxEntries">The bound, in entries.</param>
    /// <param name="isStale">Whether an entry is expired or invalidated (dropped before the policy evicts live ones).</param>
    /// <param name="logger">For sweep reports.</param>
    public L1Store(int maxEntries, Func<L1Entry, bool> isStale, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        MaxEntries = maxEntries;
        _isStale = isStale;
        _logger = logger;
        _smallTarget = Math.Max(1, maxEntries / 20);
        _ghost = new GhostKeys(Math.Max(1, maxEntries - _smallTarget));
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The bound, in entries.</summary>
    public int MaxEntries { get; }

    /// <summary>The number of entries.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Finds the entry of <paramref name="key"/> and counts the access; validity is the caller's business.</summary>
    public bool TryGet(ReadOnlySpan<char> key, [NotNullWhen(true)] out L1Entry? entry)
    {
        if (!_bySpan.TryGetValue(key, out entry))
        {
            return false;
        }

        // Unsynchronized: racing hits may lose an increment or pass the cap by one or two, which costs the policy a little
        // precision (an extra pass of the CLOCK), never correctness; the cap keeps hot entries' lines clean.
        if (entry.Frequency < MaxFrequency)
        {
            entry.Frequency++;
        }

        return true;
    }

    /// <summary>Adds or replaces the entry of <see cref="L1Entry.Key"/>; the policy evicts beyond the bound.</summary>
    public void Set(L1Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(entry.Key, out var current))
            {
                // A new value of a known key keeps its place and its history.
                current.Removed = true;
                entry.Frequency = current.Frequency;
                entry.InMain = current.InMain;
                _entries[entry.Key] = entry;
                var queue = QueueOf(entry);
                queue.Enqueue(entry);
                CompactIfMostlyDead(queue);
                return;
            }

            entry.InMain = _ghost.Remove(entry.Key);
            var placed = QueueOf(entry);
            placed.Live++;
            _entries[entry.Key] = entry;
            placed.Enqueue(entry);
            Volatile.Write(ref _count, _count + 1);
            _insertsSinceSweep++;
            while (_count > MaxEntries)
            {
                EvictOne();
            }
        }
    }

    /// <summary>Removes the entry of <paramref name="key"/>, whatever it is.</summary>
    public bool Remove(string key)
    {
        lock (_gate)
        {
            return _entries.TryRemove(key, out var removed) && Forget(removed);
        }
    }

    /// <summary>Removes <paramref name="entry"/> only if it is still the entry of its key.</summary>
    public bool Remove(L1Entry entry)
    {
        lock (_gate)
        {
            return _entries.TryRemove(new KeyValuePair<string, L1Entry>(entry.Key, entry)) && Forget(entry);
        }
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
            {
                entry.Removed = true;
            }

            _entries.Clear();
            _small.Clear();
            _main.Clear();
            _ghost.Clear();
            Volatile.Write(ref _count, 0);
        }
    }

    private EntryQueue QueueOf(L1Entry entry) => entry.InMain ? _main : _small;

    /// <summary>Accounts for an entry already taken out of the dictionary; its queue drops it when it reaches the head.</summary>
    private bool Forget(L1Entry entry)
    {
        entry.Removed = true;
        var queue = QueueOf(entry);
        queue.Live--;
        Volatile.Write(ref _count, _count - 1);
        CompactIfMostlyDead(queue);
        return true;
    }

    private void EvictOne()
    {
        if (_insertsSinceSweep >= MaxEntries && SweepStale() > 0)
        {
            return;
        }

        if ((_small.Live > _smallTarget || _main.Live == 0) && TryEvictFromSmall())
        {
            return;
        }

        EvictFromMain();
    }

    /// <summary>
    /// Takes entries off the small queue's head until one is evicted: those hit while there move to main. Returns
    /// <c>false</c> when the small queue ran empty (everything moved), leaving the eviction to main.
    /// </summary>
    private bool TryEvictFromSmall()
    {
        while (_small.TryDequeue(out var entry))
        {
            if (entry.Removed)
            {
                continue;
            }

            if (entry.Frequency > 0 && !_isStale(entry))
            {
                entry.Frequency = 0;
                entry.InMain = true;
                _small.Live--;
                _main.Live++;
                _main.Enqueue(entry);
                continue;
            }

            Evict(entry, _small);
            _ghost.Add(entry.Key);
            return true;
        }

        return false;
    }

    /// <summary>CLOCK over the main queue: an entry hit since it last passed goes round again, one count lower.</summary>
    private void EvictFromMain()
    {
        while (_main.TryDequeue(out var entry))
        {
            if (entry.Removed)
            {
                continue;
            }

            if (entry.Frequency > 0 && !_isStale(entry))
            {
                entry.Frequency--;
                _main.Enqueue(entry);
                continue;
            }

            Evict(entry, _main);
            return;
        }
    }

    private void Evict(L1Entry entry, EntryQueue queue)
    {
        _entries.TryRemove(new KeyValuePair<string, L1Entry>(entry.Key, entry));
        entry.Removed = true;
        queue.Live--;
        Volatile.Write(ref _count, _count - 1);
    }

    /// <summary>Removes every stale entry; returns how many.</summary>
    private int SweepStale()
    {
        _insertsSinceSweep = 0;
        var removed = 0;
        foreach (var pair in _entries)
        {
            if (_isStale(pair.Value) && _entries.TryRemove(pair) && Forget(pair.Value))
            {
                removed++;
            }
        }

        if (removed > 0)
        {
            Log.L1Trimmed(_logger, removed, removed, _count);
        }

        return removed;
    }

    private static void CompactIfMostlyDead(EntryQueue queue)
    {
        if (queue.Length > 64 && queue.Length > 2 * queue.Live)
        {
            queue.Compact();
        }
    }

    /// <summary>A FIFO of entries, dead ones included until they reach the head, with its count of live ones.</summary>
    private sealed class EntryQueue
    {
        private Queue<L1Entry> _items = new();

        public int Live;

        public int Length => _items.Count;

        public void Enqueue(L1Entry entry) => _items.Enqueue(entry);

        public bool TryDequeue([NotNullWhen(true)] out L1Entry? entry) => _items.TryDequeue(out entry);

        public void Compact() => _items = new Queue<L1Entry>(_items.Where(static entry => !entry.Removed));

        public void Clear()
        {
            _items.Clear();
            Live = 0;
        }
    }

    /// <summary>The keys recently evicted from the small queue, as hashes, oldest first; bounded.</summary>
    private sealed class GhostKeys(int capacity)
    {
        private readonly Queue<(int Hash, long Sequence)> _order = new();
        private readonly Dictionary<int, long> _sequenceByHash = [];
        private long _sequence;

        public void Add(string key)
        {
            var hash = StringComparer.Ordinal.GetHashCode(key);
            _sequenceByHash[hash] = ++_sequence;
            _order.Enqueue((hash, _sequence));
            while (_order.Count > capacity)
            {
                var (oldest, sequence) = _order.Dequeue();
                if (_sequenceByHash.TryGetValue(oldest, out var current) && current == sequence)
                {
                    _sequenceByHash.Remove(oldest);
                }
            }
        }

        /// <summary>Whether <paramref name="key"/> was evicted recently (a hash collision only sends a key to main early).</summary>
        public bool Remove(string key) => _sequenceByHash.Remove(StringComparer.Ordinal.GetHashCode(key));

        public void Clear()
        {
            _order.Clear();
            _sequenceByHash.Clear();
        }
    }
}
