using System.Collections.Concurrent;

namespace Cached.Tags;

/// <summary>
/// The latest invalidation stamp of each tag this node knows of: invalidating a tag is one write, whatever the
/// number of entries carrying it (no scan). An entry is valid only if it was created strictly after the stamp of
/// every one of its tags and after the stamp of <see cref="All"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Version"/> moves on every raise. An L1 entry remembers the version at which its tags were last found
/// valid, so a hit re-checks its tags only after some invalidation happened since; either way it allocates nothing.
/// A raise writes the stamp before it moves the version, and a reader reads the version before the stamps, so a
/// reader that saw the new version also sees the new stamp.
/// </para>
/// <para>
/// Stamps are pruned once they are older than the longest TTL stored on this node (plus a margin): every entry
/// created before such a stamp has expired, so forgetting it cannot resurrect one.
/// </para>
/// </remarks>
internal sealed class TagStamps
{
    /// <summary>The tag that invalidates every entry.</summary>
    public const string All = "*";

    private readonly ConcurrentDictionary<string, long> _stamps = new(StringComparer.Ordinal);
    private long _all;
    private long _version;
    private int _count;
    private long _longestTtlMicros;

    /// <summary>Moves whenever a stamp is raised.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>The number of tags with a stamp (approximate under concurrency).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The longest TTL stored on this node so far.</summary>
    public TimeSpan LongestTtl => TimeSpan.FromTicks(Volatile.Read(ref _longestTtlMicros) * TimeSpan.TicksPerMicrosecond);

    /// <summary>The stamp of <paramref name="tag"/>, or 0 when it was never invalidated.</summary>
    public long Get(string tag)
    {
        if (tag == All)
        {
            return Volatile.Read(ref _all);
        }

        return _stamps.TryGetValue(tag, out var stamp) ? stamp : 0;
    }

    /// <summary>Whether an entry created at <paramref name="createdAt"/> with <paramref name="tags"/> is still valid.</summary>
    public bool IsValid(long createdAt, string[] tags)
    {
        if (createdAt <= Volatile.Read(ref _all))
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (_stamps.TryGetValue(tag, out var stamp) && stamp >= createdAt)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Raises the stamp of <paramref name="tag"/> to <paramref name="stamp"/> if it is higher; stamps never go back.</summary>
    /// <returns>Whether the stamp moved.</returns>
    public bool Raise(string tag, long stamp)
    {
        bool raised;
        if (tag == All)
        {
            raised = RaiseAll(stamp);
        }
        else
        {
            raised = RaiseTag(tag, stamp);
        }

        if (raised)
        {
            Interlocked.Increment(ref _version);
        }

        return raised;
    }

    /// <summary>Records a TTL stored on this node, which bounds how long a stamp must be remembered.</summary>
    public void NoteTtl(TimeSpan ttl)
    {
        var micros = ttl.Ticks / TimeSpan.TicksPerMicrosecond;
        while (true)
        {
            var longest = Volatile.Read(ref _longestTtlMicros);
            if (micros <= longest || Interlocked.CompareExchange(ref _longestTtlMicros, micros, longest) == longest)
            {
                return;
            }
        }
    }

    /// <summary>Forgets stamps older than the longest TTL stored (plus a minute), at <paramref name="now"/>.</summary>
    public int Prune(long now)
    {
        var horizon = now - Volatile.Read(ref _longestTtlMicros) - 60_000_000;
        var removed = 0;
        foreach (var pair in _stamps)
        {
            if (pair.Value < horizon && _stamps.TryRemove(pair))
            {
                Interlocked.Decrement(ref _count);
                removed++;
            }
        }

        return removed;
    }

    private bool RaiseAll(long stamp)
    {
        while (true)
        {
            var current = Volatile.Read(ref _all);
            if (stamp <= current)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _all, stamp, current) == current)
            {
                return true;
            }
        }
    }

    private bool RaiseTag(string tag, long stamp)
    {
        while (true)
        {
            if (_stamps.TryGetValue(tag, out var current))
            {
                if (stamp <= current)
                {
                    return false;
                }

                if (_stamps.TryUpdate(tag, stamp, current))
                {
                    return true;
                }
            }
            else if (_stamps.TryAdd(tag, stamp))
            {
                Interlocked.Increment(ref _count);
                return true;
            }
        }
    }
}
