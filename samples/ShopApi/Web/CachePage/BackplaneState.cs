namespace ShopApi.Web.CachePage;

/// <summary>The backplane and the L2 breaker, as the engine's meter reports them since the app started.</summary>
/// <param name="Sent">Keys and tags this node published (<c>cached.backplane.sent</c>).</param>
/// <param name="Received">Keys and tags received from other nodes (<c>cached.backplane.received</c>).</param>
/// <param name="Lag">Publish-to-apply lag of recent messages (<c>cached.backplane.lag</c>); <c>null</c> before the first.</param>
/// <param name="Resyncs">L1 drops after a lost subscription or an open breaker (<c>cached.resyncs</c>).</param>
/// <param name="BreakersOpen">Circuit breakers open now, Redis calls skipped (<c>cached.l2.breaker.open</c>).</param>
public sealed record BackplaneState(long Sent, long Received, Percentiles? Lag, long Resyncs, long BreakersOpen);
