using System.Diagnostics.CodeAnalysis;
using Cached.L1;

namespace Cached;

public sealed partial class CacheEngine
{
    /// <summary>
    /// The hit path: a valid L1 entry of type <typeparamref name="T"/> for a key given as a span. Allocates nothing:
    /// an alternate-lookup probe, a clock read, and a tag check only when some tag was invalidated since the entry's last check.
    /// </summary>
    internal bool TryGetFresh<T>(ReadOnlySpan<char> key, [NotNullWhen(true)] out L1Entry<T>? entry)
    {
        if (_l1.TryGet(key, out var found) && found is L1Entry<T> typed && IsFresh(typed))
        {
            entry = typed;
            return true;
        }

        entry = null;
        return false;
    }

    /// <summary>Whether <paramref name="entry"/> is unexpired and created after every stamp of its tags.</summary>
    private bool IsFresh(L1Entry entry)
    {
        if (_l1Clock.UtcNowTicks() >= entry.ExpiresAtTicks)
        {
            return false;
        }

        // Version first, stamps second (see TagStamps): a version seen here was published after its stamp.
        var version = _tagStamps.Version;
        if (entry.CheckedVersion == version)
        {
            return true;
        }

        if (!_tagStamps.IsValid(entry.CreatedAt, entry.Tags))
        {
            return false;
        }

        entry.CheckedVersion = version;
        return true;
    }

    /// <summary>
    /// Stores an L1 entry that lives <paramref name="ttl"/> (or <paramref name="localTtl"/>, if shorter) from now, then
    /// may be served stale for <paramref name="staleFor"/>. <paramref name="checkedVersion"/> is the tag-stamp version
    /// read before the caller checked the tags; <paramref name="recomputeMicros"/> the δ of early refresh.
    /// </summary>
    private L1Entry<T> StoreL1<T>(
        string key, T value, long createdAt, TimeSpan ttl, TimeSpan? localTtl, string[] tags, long checkedVersion,
        TimeSpan staleFor = default, long recomputeMicros = 0)
    {
        var lifetime = localTtl is { } local && local < ttl ? local : ttl;
        var now = _l1Clock.UtcNowTicks();
        var expires = AddTicks(now, lifetime.Ticks);
        var entry = new L1Entry<T>(key, value, createdAt, expires, tags)
        {
            CheckedVersion = checkedVersion,
            StaleUntilTicks = AddTicks(expires, staleFor.Ticks),
            RecomputeMicros = recomputeMicros,
        };
        _tagStamps.NoteTtl(ttl + staleFor);
        _l1.Set(entry);
        return entry;
    }

    private static long AddTicks(long ticks, long add) => add > long.MaxValue - ticks ? long.MaxValue : ticks + add;
}
