namespace ShopApi.Catalog;

/// <summary>The product catalogue. Its implementation is wrapped by a generated caching decorator.</summary>
public interface ICatalog
{
    Task<ProductDetails?> GetProductAsync(int id, CancellationToken ct = default);

    Task<IReadOnlyList<ProductSummary>> ByCategoryAsync(string category, CancellationToken ct = default);

    Task<ProductDetails?> SetPriceAsync(int id, decimal price, CancellationToken ct = default);
}
