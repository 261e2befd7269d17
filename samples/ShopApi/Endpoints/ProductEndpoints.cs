using System.Security.Claims;
using ShopApi.Catalog;
using ShopApi.Inventory;
using ShopApi.Merchandising;
using ShopApi.Reviews;
using ShopApi.Web;
using ShopApi.Web.Auth;

namespace ShopApi.Endpoints;

/// <summary>Product pages, category listings, prices, reviews, stock and view counts.</summary>
public static class ProductEndpoints
{
    /// <summary>The body of <c>PUT /products/{id}/price</c>.</summary>
    public sealed record PriceChange(decimal Price);

    /// <summary>The body of <c>PUT /products/{id}/category</c>.</summary>
    public sealed record CategoryChange(string Category);

    /// <summary>Maps <c>/products/{id}/...</c> and <c>/categories/{name}/products</c>.</summary>
    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/products/{id:int}").WithTags("Products");

        products.MapGet("", async Task<IResult> (int id, ICatalog catalog, CancellationToken ct) =>
                await catalog.GetProductAsync(id, ct) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound())
            .WithName("GetProduct")
            .Produces<ProductDetails>()
            .Produces(StatusCodes.Status404NotFound)
            .CacheOnCdn(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

        app.MapGet("/categories/{name}/products", async (string name, ICatalog catalog, CancellationToken ct) =>
                TypedResults.Ok(await catalog.ByCategoryAsync(name, ct)))
            .WithName("ListCategory")
            .WithTags("Products")
            .CacheOnCdn(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

        products.MapPut("/price", async Task<IResult> (int id, PriceChange change, ICatalog catalog, CancellationToken ct) =>
            {
                if (change.Price <= 0)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["price"] = ["The price must be positive."] });
                }

                return await catalog.SetPriceAsync(id, change.Price, ct) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound();
            })
            .WithName("SetPrice")
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminRole)
            .Produces<ProductDetails>()
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound)
            .ProducesAuthFailures();

        products.MapPut("/category", async Task<IResult> (int id, CategoryChange change, ICatalog catalog, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(change.Category))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["category"] = ["The category is required."] });
                }

                return await catalog.MoveAsync(id, change.Category, ct) is { } move ? TypedResults.Ok(move) : TypedResults.NotFound();
            })
            .WithName("MoveProduct")
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminRole)
            .Produces<ProductMove>()
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound)
            .ProducesAuthFailures();

        // A quote is assembled from three cached inputs (product, rates, promotions), so it costs no query when they are warm.
        products.MapGet("/quote", async Task<IResult> (int id, string? currency, ICatalog catalog, IPricing pricing, CancellationToken ct) =>
            {
                var code = (currency ?? "USD").ToUpperInvariant();
                if (await catalog.GetProductAsync(id, ct) is not { } product)
                {
                    return TypedResults.NotFound();
                }

                if ((await pricing.GetRatesAsync(ct)).FirstOrDefault(r => r.Code == code) is not { } rate)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currency"] = [$"No rate for {code}."] });
                }

                var percentOff = (await pricing.GetPromotionsAsync(ct)).FirstOrDefault(p => p.Category == product.Category)?.PercentOff ?? 0;
                var price = Math.Round(product.Price * (100 - percentOff) / 100m * rate.PerDollar, 2);
                return TypedResults.Ok(new PriceQuote(id, code, product.Price, percentOff, price));
            })
            .WithName("QuotePrice")
            .Produces<PriceQuote>()
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound)
            .CacheOnCdn(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

        products.MapGet("/reviews", async (int id, IReviews reviews, CancellationToken ct) => TypedResults.Ok(await reviews.GetReviewsAsync(id, ct)))
            .WithName("GetReviews")
            .CacheOnCdn(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

        products.MapPost("/reviews", async Task<IResult> (int id, NewReview review, ClaimsPrincipal user, ICatalog catalog, IReviews reviews, CancellationToken ct) =>
            {
                if (review.Rating is < 1 or > 5 || string.IsNullOrWhiteSpace(review.Text))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["review"] = ["A rating of 1 to 5 and a text are required."] });
                }

                if (await catalog.GetProductAsync(id, ct) is null)
                {
                    return TypedResults.NotFound();
                }

                var added = await reviews.AddReviewAsync(id, user.UserId(), review, ct);
                return TypedResults.Created($"/products/{id}/reviews", added);
            })
            .WithName("AddReview")
            .RequireAuthorization()
            .PrivateNoStore()
            .Produces<ReviewView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status401Unauthorized);

        // Stock is read fresh from the database on every call, and no CDN or browser may keep it either.
        products.MapGet("/stock", async Task<IResult> (int id, IInventory inventory, CancellationToken ct) =>
                await inventory.GetStockAsync(id, ct) is { } stock ? TypedResults.Ok(stock) : TypedResults.NotFound())
            .WithName("GetStock")
            .NoStore()
            .Produces<StockView>()
            .Produces(StatusCodes.Status404NotFound);

        products.MapPost("/views", async (int id, IViewCounter views, CancellationToken ct) =>
            {
                await views.RecordViewAsync(id, ct);
                return TypedResults.Accepted($"/products/{id}/views");
            })
            .WithName("RecordView")
            .Produces(StatusCodes.Status202Accepted);

        products.MapGet("/views", async (int id, IViewCounter views, CancellationToken ct) => TypedResults.Ok(await views.GetViewsAsync(id, ct)))
            .WithName("GetViews")
            .NoStore();

        return app;
    }

    /// <summary>Documents the 401 (not signed in) and 403 (not an admin) answers of an admin endpoint.</summary>
    public static RouteHandlerBuilder ProducesAuthFailures(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status403Forbidden);
}
