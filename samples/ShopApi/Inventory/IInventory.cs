namespace ShopApi.Inventory;

/// <summary>Stock and orders. Deliberately not cached: every read and write goes to the database.</summary>
public interface IInventory
{
    /// <summary>Units on hand, or <c>null</c> when there is no such product.</summary>
    Task<StockView?> GetStockAsync(int productId, CancellationToken ct = default);

    /// <summary>Takes <paramref name="quantity"/> units out of stock and records the order, or says why it could not.</summary>
    Task<OrderOutcome> PlaceOrderAsync(int userId, int productId, int quantity, CancellationToken ct = default);
}

/// <summary>Units of a product on hand.</summary>
public sealed record StockView(int ProductId, int OnHand);

/// <summary>The body of <c>POST /orders</c>.</summary>
public sealed record NewOrder(int ProductId, int Quantity);

/// <summary>A placed order.</summary>
public sealed record OrderView(int Id, int ProductId, int Quantity, decimal Total, DateTime PlacedAt);

/// <summary>What happened to an order: placed, or refused because the product is unknown or out of stock.</summary>
public sealed record OrderOutcome(OrderView? Order, OrderRefusal? Refusal);

/// <summary>Why an order was refused.</summary>
public enum OrderRefusal
{
    /// <summary>No product has that id.</summary>
    UnknownProduct,

    /// <summary>Fewer units are on hand than ordered.</summary>
    OutOfStock,
}
