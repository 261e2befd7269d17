using Cached.WriteBehind;

namespace Cached;

public sealed partial class CacheEngine
{
    private WriteBehindJournal? _writeBehindJournal;

    /// <summary>The write-behind journal over this engine's Redis (created on first use; without Redis, writes run inline).</summary>
    internal WriteBehindJournal WriteBehindJournal
        => LazyInitializer.EnsureInitialized(
            ref _writeBehindJournal,
            () => new WriteBehindJournal(_l2, _settings.KeyPrefix, _serializer, _settings.L2Timeout, _logger));
}
