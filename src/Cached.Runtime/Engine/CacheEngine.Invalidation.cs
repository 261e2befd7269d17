using Cached.Backplane;
using Cached.Telemetry;

namespace Cached;

public sealed partial class CacheEngine
{
    private int _tagPruneThreshold = 1024;

    private async ValueTask RemoveKeysAsync(IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            // Mark first, remove second: see StoreUnlessInvalidatedAsync.
            _flights.Invalidate(key);
            _l1.Remove(key);
            CachedMetrics.Count(CachedMetrics.Invalidations, method: null);
        }

        if (_l2 is not null && keys.Count > 0)
        {
            var stamps = await _l2.DeleteAsync(keys).ConfigureAwait(false);
            if (stamps is null)
            {
                _pending.AddKeys(keys);
                return;
            }

            // A write-through that follows on this node must be newer than the tombstones.
            foreach (var stamp in stamps)
            {
                _clock.Observe(stamp);
            }

            await PublishAsync(BackplaneMessageKind.RemoveKeys, keys, stamps).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Raises the stamps of <paramref name="tags"/>: at once on this node (before any await, so a factory that began
    /// earlier on this node can never store), then in Redis at Redis time for the other nodes.
    /// </summary>
    private async ValueTask RemoveTagsAsync(IReadOnlyList<string> tags)
    {
        if (tags.Count == 0)
        {
            return;
        }

        var stamp = _clock.Now();
        foreach (var tag in tags)
        {
            _tagStamps.Raise(tag, stamp);
            CachedMetrics.Count(CachedMetrics.Invalidations, method: null);
        }

        if (_l2 is not null)
        {
            SyncClockIfDue();
            var written = await _l2.RaiseStampsAsync(tags, TagStampLifetime()).ConfigureAwait(false);
            if (written is null)
            {
                _pending.AddTags(tags);
                return;
            }

            for (var i = 0; i < written.Length; i++)
            {
                Learn(tags[i], written[i]);
            }

            await PublishAsync(BackplaneMessageKind.InvalidateTags, tags, written).ConfigureAwait(false);
        }

        PruneTagStampsIfDue();
    }

    /// <summary>
    /// How long a tag stamp key lives in Redis: longer than any entry it may have to invalidate (the longest TTL
    /// stored on this node, and at least a day for those of other nodes), plus an hour for clock error.
    /// </summary>
    private TimeSpan TagStampLifetime()
    {
        var longest = _tagStamps.LongestTtl;
        return (longest > TimeSpan.FromDays(1) ? longest : TimeSpan.FromDays(1)) + TimeSpan.FromHours(1);
    }

    /// <summary>
    /// Forgets stamps no entry can need any more once there are many; the next prune waits until the count doubles,
    /// so invalidations stay O(1) amortised even when every stamp is still young.
    /// </summary>
    private void PruneTagStampsIfDue()
    {
        var threshold = Volatile.Read(ref _tagPruneThreshold);
        if (_tagStamps.Count <= threshold || Interlocked.CompareExchange(ref _tagPruneThreshold, int.MaxValue, threshold) != threshold)
        {
            return;
        }

        _tagStamps.Prune(_clock.Estimate());
        var next = Math.Max(Math.Max(1024, _settings.L1MaxEntries), _tagStamps.Count * 2);
        Volatile.Write(ref _tagPruneThreshold, next);
    }
}
