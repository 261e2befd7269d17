namespace Cached.Generator.Model;

/// <summary>The freshness settings of a <c>[Cached]</c> method, set in its policy's object initializer.</summary>
/// <param name="StaleForTicks">The parsed <c>StaleFor</c>; <c>null</c> for none.</param>
/// <param name="CacheNull">The attribute's <c>CacheNull</c>.</param>
/// <param name="NullTtlTicks">The parsed <c>NullTtl</c>; <c>null</c> for the method's TTL.</param>
/// <param name="L1Only">The attribute's <c>L1Only</c>.</param>
/// <param name="DistributedLock">The attribute's <c>DistributedLock</c>.</param>
internal sealed record FreshnessSpec(long? StaleForTicks, bool CacheNull, long? NullTtlTicks, bool L1Only, bool DistributedLock);
