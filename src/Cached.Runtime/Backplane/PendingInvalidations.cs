using System.Collections.Concurrent;

namespace Cached.Backplane;

/// <summary>
/// Invalidations this node could not write to Redis or publish (Redis down, breaker open): replayed when Redis is
/// back, so that L2 and the other nodes do not keep what this node's writes made stale. Bounded: beyond
/// <see cref="Limit"/> keys or tags, the replay is a clear (<c>"*"</c>) instead.
/// </summary>
internal sealed class PendingInvalidations
{
    public const int Limit = 10_000;

    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _tags = new(StringComparer.Ordinal);
    private int _overflowed;

    public bool IsEmpty => _keys.IsEmpty && _tags.IsEmpty && Volatile.Read(ref _overflowed) == 0;

    public void AddKeys(IEnumerable<string> keys) => Add(_keys, keys);

    public void AddTags(IEnumerable<string> tags) => Add(_tags, tags);

    /// <summary>Takes what is pending: the keys, and the tags (just <c>"*"</c> after an overflow).</summary>
    public (string[] Keys, string[] Tags) Take()
    {
        var keys = Drain(_keys);
        var tags = Drain(_tags);
        return Interlocked.Exchange(ref _overflowed, 0) == 1 ? ([], [Tags.TagStamps.All]) : (keys, tags);
    }

    private static string[] Drain(ConcurrentDictionary<string, byte> pending)
    {
        var items = new List<string>();
        foreach (var item in pending.Keys)
        {
            if (pending.TryRemove(item, out _))
            {
                items.Add(item);
            }
        }

        return [.. items];
    }

    private void Add(ConcurrentDictionary<string, byte> pending, IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            if (pending.Count >= Limit)
            {
                Volatile.Write(ref _overflowed, 1);
                return;
            }

            pending.TryAdd(item, 0);
        }
    }
}
