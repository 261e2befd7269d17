using ShopApi.Catalog;

namespace ShopApi.Endpoints;

/// <summary>The product and category endpoints, all going through the cached <see cref="ICatalog"/>.</summary>
public static class ProductEndpoints
{
    /// <summary>The body of <c>PUT /products/{id}/price</c>.</summary>
    public sealed record PriceChange(decimal Price);

    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/products/{id:int}", async Task<IResult> (int id, ICatalog catalog, CancellationToken ct) =>
                await catalog.GetProductAsync(id, ct) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound())
            .WithName("GetProduct")
            .Produces<ProductDetails>()
            .Produces(StatusCodes.Status404NotFound);

        app.MapGet("/categories/{name}/products", async (string name, ICatalog catalog, CancellationToken ct) =>
                TypedResults.Ok(await catalog.ByCategoryAsync(name, ct)))
            .WithName("ListCategory");

        app.MapPut("/products/{id:int}/price", async Task<IResult> (int id, PriceChange change, ICatalog catalog, CancellationToken ct) =>
            {
                if (change.Price <= 0)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["price"] = ["The price must be positive."] });
                }

                return await catalog.SetPriceAsync(id, change.Price, ct) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound();
            })
            .WithName("SetPrice")
            .Produces<ProductDetails>()
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound);

        return app;
    }
}
