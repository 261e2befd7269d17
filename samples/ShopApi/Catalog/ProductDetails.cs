namespace ShopApi.Catalog;

/// <summary>A product as the API and the cache see it: an immutable record, so L1 can share one instance.</summary>
public sealed record ProductDetails(int Id, string Name, string Category, decimal Price, string Description);

/// <summary>A product in a category listing.</summary>
public sealed record ProductSummary(int Id, string Name, decimal Price);

/// <summary>The result of moving a product to another category: the product as it is now, and where it was.</summary>
public sealed record ProductMove(ProductDetails Product, string PreviousCategory);
