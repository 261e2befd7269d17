using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ShopApi.Web;

/// <summary>The CDN tier: <c>Cache-Control</c> and strong <c>ETag</c>s on shared responses, <c>no-store</c> on per-user ones.</summary>
public static class HttpCaching
{
    /// <summary>
    /// Lets browsers and CDNs keep a 200 response for <paramref name="maxAge"/> and serve it stale for
    /// <paramref name="staleWhileRevalidate"/> more while they revalidate. The strong <c>ETag</c> is a hash of the
    /// response body, which is the cached entry's value: it changes exactly when a write replaces the entry. A
    /// request whose <c>If-None-Match</c> holds it gets <c>304 Not Modified</c> with no body.
    /// </summary>
    public static RouteHandlerBuilder CacheOnCdn(this RouteHandlerBuilder endpoint, TimeSpan maxAge, TimeSpan staleWhileRevalidate)
    {
        var cacheControl = $"public, max-age={(int)maxAge.TotalSeconds}, stale-while-revalidate={(int)staleWhileRevalidate.TotalSeconds}";
        return endpoint
            .AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                if (result is not IValueHttpResult { Value: { } value } || result is IStatusCodeHttpResult { StatusCode: not (null or 200) })
                {
                    return result;
                }

                var http = context.HttpContext;
                var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                var etag = new EntityTagHeaderValue(StrongTag(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json)));
                http.Response.Headers.CacheControl = cacheControl;
                http.Response.Headers.ETag = etag.ToString();
                var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
                return ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: true))
                    ? Results.StatusCode(StatusCodes.Status304NotModified)
                    : result;
            })
            .Produces(StatusCodes.Status304NotModified);
    }

    /// <summary>Marks a per-user response <c>private, no-store</c>: no CDN or browser may keep it.</summary>
    public static TBuilder PrivateNoStore<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter(static (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "private, no-store";
            return next(context);
        });

    /// <summary>Marks a response <c>no-store</c>: it must be read fresh every time (stock levels).</summary>
    public static RouteHandlerBuilder NoStore(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(static (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return next(context);
        });

    private static string StrongTag(byte[] body) => $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"";
}
