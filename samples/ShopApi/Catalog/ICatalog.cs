namespace ShopApi.Catalog;

/// <summary>The product catalogue. Its implementation is wrapped by a generated caching decorator.</summary>
public interface ICatalog
{
    /// <summary>One product, or <c>null</c> when there is no such product.</summary>
    Task<ProductDetails?> GetProductAsync(int id, CancellationToken ct = default);

    /// <summary>The products of a category, by id.</summary>
    Task<IReadOnlyList<ProductSummary>> ByCategoryAsync(string category, CancellationToken ct = default);

    /// <summary>Changes a product's price; <c>null</c> when there is no such product.</summary>
    Task<ProductDetails?> SetPriceAsync(int id, decimal price, CancellationToken ct = default);

    /// <summary>Moves a product to another category; <c>null</c> when there is no such product.</summary>
    Task<ProductMove?> MoveAsync(int id, string category, CancellationToken ct = default);
}
