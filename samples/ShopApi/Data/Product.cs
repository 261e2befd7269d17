namespace ShopApi.Data;

/// <summary>A product row. Mutable because EF Core tracks it; the API hands out <see cref="Catalog.ProductDetails"/> records instead.</summary>
public sealed class Product
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Category { get; set; }

    public decimal Price { get; set; }

    public required string Description { get; set; }
}
