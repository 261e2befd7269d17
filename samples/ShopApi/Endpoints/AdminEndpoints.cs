using Microsoft.Extensions.Caching.Hybrid;
using ShopApi.Merchandising;
using ShopApi.Web.Auth;

namespace ShopApi.Endpoints;

/// <summary>Operations for admins only (an API key with <c>Admin: true</c>): 401 without a key, 403 with a customer's.</summary>
public static class AdminEndpoints
{
    /// <summary>The body of <c>POST /admin/cache/invalidate</c>: tags to invalidate and keys to remove, at least one.</summary>
    public sealed record InvalidationRequest(IReadOnlyList<string>? Tags, IReadOnlyList<string>? Keys);

    /// <summary>What <c>POST /admin/cache/invalidate</c> did, on this node and, through Redis, on the others.</summary>
    public sealed record InvalidationResult(IReadOnlyList<string> InvalidatedTags, IReadOnlyList<string> RemovedKeys);

    /// <summary>Maps <c>/admin/...</c>: cache invalidation, rates and promotions.</summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").WithTags("Admin").RequireAuthorization(ApiKeyAuthenticationHandler.AdminRole);

        // For data changed behind the API's back (a bulk import, a fix in SQL): evicts by tag or by key in every tier.
        admin.MapPost("/cache/invalidate", async Task<IResult> (InvalidationRequest request, HybridCache cache, CancellationToken ct) =>
            {
                var tags = Clean(request.Tags);
                var keys = Clean(request.Keys);
                if (tags.Count + keys.Count == 0)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tags"] = ["Give at least one tag or key."] });
                }

                await cache.RemoveByTagAsync(tags, ct);
                await cache.RemoveAsync(keys, ct);
                return TypedResults.Ok(new InvalidationResult(tags, keys));
            })
            .WithName("InvalidateCache")
            .Produces<InvalidationResult>()
            .ProducesValidationProblem()
            .ProducesAuthFailures();

        admin.MapPut("/rates/{code}", async Task<IResult> (string code, RateChange change, IPricing pricing, CancellationToken ct) =>
                change.PerDollar <= 0 || code.Length != 3
                    ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rate"] = ["A three-letter code and a positive rate are required."] })
                    : TypedResults.Ok(await pricing.SetRateAsync(code.ToUpperInvariant(), change.PerDollar, ct)))
            .WithName("SetRate")
            .Produces<RateView>()
            .ProducesValidationProblem()
            .ProducesAuthFailures();

        admin.MapPut("/promotions/{category}", async Task<IResult> (string category, PromotionChange change, IPricing pricing, CancellationToken ct) =>
                change.PercentOff is < 0 or > 90
                    ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["percentOff"] = ["Between 0 (ends the promotion) and 90."] })
                    : TypedResults.Ok(await pricing.SetPromotionAsync(category, change.PercentOff, ct)))
            .WithName("SetPromotion")
            .Produces<PromotionView>()
            .ProducesValidationProblem()
            .ProducesAuthFailures();

        return app;
    }

    private static List<string> Clean(IReadOnlyList<string>? values) =>
        values?.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).ToList() ?? [];
}
