namespace ShopApi.Data;

/// <summary>Units of a product on hand. Never cached: see <see cref="Inventory.Inventory"/>.</summary>
public sealed class StockLevel
{
    public int ProductId { get; set; }

    public int OnHand { get; set; }
}
