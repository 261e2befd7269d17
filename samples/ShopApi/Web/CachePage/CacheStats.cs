namespace ShopApi.Web.CachePage;

/// <summary>The body of <c>GET /cache/stats</c>: what the <c>/cache</c> page shows, for programs (the load generator).</summary>
/// <param name="Caching">Whether the cached services are wrapped (<c>Shop:Caching</c>); <c>false</c> for a baseline run.</param>
/// <param name="Redis">Whether an L2 (Redis) is configured; <c>false</c> runs L1 only.</param>
/// <param name="DatabaseQueries">Database commands sent since the app started.</param>
/// <param name="Methods">The engine's counters per cached method.</param>
/// <param name="Backplane">The backplane's and the L2 breaker's state.</param>
public sealed record CacheStats(bool Caching, bool Redis, long DatabaseQueries, IReadOnlyList<MethodCounters> Methods, BackplaneState Backplane);
