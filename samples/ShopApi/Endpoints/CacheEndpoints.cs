using Microsoft.Extensions.Options;
using ShopApi.Data;
using ShopApi.Web.CachePage;

namespace ShopApi.Endpoints;

/// <summary>The live cache page and its JSON twin, both read from the engine's meter.</summary>
public static class CacheEndpoints
{
    /// <summary>Whether the cached services are wrapped: configuration key <c>Shop:Caching</c>, default <c>true</c>.</summary>
    public sealed record CachingSwitch(bool Enabled);

    /// <summary>Maps <c>/cache</c> (HTML) and <c>/cache/stats</c> (JSON).</summary>
    public static IEndpointRouteBuilder MapCacheEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/cache").WithTags("Cache");

        group.MapGet("", (CacheMeterReader meter, CachingSwitch caching, IOptions<Cached.CachedOptions> options, DatabaseCommandCounter queries) =>
                TypedResults.Content(CachePageRenderer.Render(Stats(meter, caching, options, queries)), "text/html; charset=utf-8"))
            .WithName("CachePage")
            .Produces<string>(contentType: "text/html");

        group.MapGet("/stats", (CacheMeterReader meter, CachingSwitch caching, IOptions<Cached.CachedOptions> options, DatabaseCommandCounter queries) =>
                TypedResults.Ok(Stats(meter, caching, options, queries)))
            .WithName("CacheStats");

        return app;
    }

    private static CacheStats Stats(CacheMeterReader meter, CachingSwitch caching, IOptions<Cached.CachedOptions> options, DatabaseCommandCounter queries) =>
        new(caching.Enabled, !string.IsNullOrWhiteSpace(options.Value.Redis), queries.Count, meter.Snapshot(), meter.Backplane());
}
