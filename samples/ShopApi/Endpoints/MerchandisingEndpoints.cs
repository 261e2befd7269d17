using ShopApi.Merchandising;
using ShopApi.Web;

namespace ShopApi.Endpoints;

/// <summary>The top-sellers board and the pricing inputs, shared by every visitor.</summary>
public static class MerchandisingEndpoints
{
    private const int MaxBoardSize = 100;

    /// <summary>Maps <c>/top-sellers</c>, <c>/rates</c> and <c>/promotions</c>.</summary>
    public static IEndpointRouteBuilder MapMerchandisingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Merchandising");

        group.MapGet("/top-sellers", async Task<IResult> (int? count, ITopSellers board, CancellationToken ct) =>
                count is < 1 or > MaxBoardSize
                    ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = [$"Between 1 and {MaxBoardSize}."] })
                    : TypedResults.Ok(await board.GetTopSellersAsync(count ?? TopSellers.BoardSize, ct)))
            .WithName("GetTopSellers")
            .Produces<IReadOnlyList<TopSeller>>()
            .ProducesValidationProblem()
            .CacheOnCdn(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

        group.MapGet("/rates", async (IPricing pricing, CancellationToken ct) => TypedResults.Ok(await pricing.GetRatesAsync(ct)))
            .WithName("GetRates")
            .CacheOnCdn(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

        group.MapGet("/promotions", async (IPricing pricing, CancellationToken ct) => TypedResults.Ok(await pricing.GetPromotionsAsync(ct)))
            .WithName("GetPromotions")
            .CacheOnCdn(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

        return app;
    }
}
