namespace ShopApi.Data;

/// <summary>How often a product page was viewed: a counter, where an approximate, late value is fine.</summary>
public sealed class ProductViews
{
    public int ProductId { get; set; }

    public long Views { get; set; }
}
