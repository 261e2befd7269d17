using Cached.Telemetry;

namespace Cached;

public sealed partial class CacheEngine
{
    private async ValueTask RemoveKeysAsync(IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            // Mark first, remove second: see StoreUnlessInvalidatedAsync.
            _flights.Invalidate(key);
            _l1.Remove(key);
            CachedMetrics.Count(CachedMetrics.Invalidations, method: null);
        }

        if (_l2 is not null)
        {
            await _l2.DeleteAsync(keys).ConfigureAwait(false);
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
            var written = await _l2.RaiseStampsAsync(tags).ConfigureAwait(false);
            if (written is not null)
            {
                for (var i = 0; i < written.Length; i++)
                {
                    Learn(tags[i], written[i]);
                }
            }
        }

        if (_tagStamps.Count > Math.Max(1024, _settings.L1MaxEntries))
        {
            _tagStamps.Prune(_clock.Estimate());
        }
    }
}
