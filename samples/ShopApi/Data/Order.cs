namespace ShopApi.Data;

/// <summary>A placed order of one product.</summary>
public sealed class Order
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public int ProductId { get; set; }

    public int Quantity { get; set; }

    public decimal Total { get; set; }

    public DateTime PlacedAt { get; set; }
}
