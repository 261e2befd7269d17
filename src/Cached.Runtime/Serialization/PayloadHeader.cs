namespace Cached.Serialization;

/// <summary>What a payload says about its entry, read from its header.</summary>
/// <param name="CreatedAt">When the value was read from the source, as a stamp (microseconds, Redis time scale).</param>
/// <param name="Ttl">The entry's TTL as written (jitter applied).</param>
/// <param name="Tags">The entry's tags.</param>
internal readonly record struct PayloadHeader(long CreatedAt, TimeSpan Ttl, string[] Tags);
