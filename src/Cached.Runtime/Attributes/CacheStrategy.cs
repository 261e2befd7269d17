namespace Cached;

/// <summary>How a <see cref="CachedAttribute">[Cached]</see> method's entries are kept in step with the data they copy.</summary>
public enum CacheStrategy
{
    /// <summary>The default: a read fills the cache on a miss; a linked write evicts the entry.</summary>
    CacheAside = 0,

    /// <summary>
    /// A linked write that returns this method's type stores the new value under this method's key in L1 and L2
    /// before it returns, so the next read needs no database round trip.
    /// </summary>
    WriteThrough = 1,

    /// <summary>Hot entries are refreshed in the background before they expire, so readers never wait.</summary>
    RefreshAhead = 2,
}
