using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Inventory;

/// <summary>
/// Stock levels and orders, with no <c>[Cached]</c> anywhere on purpose: a stale stock figure sells units that are not
/// there, and overselling (refunds, apologies, lost customers) costs far more than the database reads a cache would save.
/// </summary>
public sealed class Inventory(ShopDb db, TimeProvider time) : IInventory
{
    public async Task<StockView?> GetStockAsync(int productId, CancellationToken ct = default) =>
        await db.Stock.AsNoTracking()
            .Where(s => s.ProductId == productId)
            .Select(s => new StockView(s.ProductId, s.OnHand))
            .FirstOrDefaultAsync(ct);

    // The top-sellers board reads orders too, but a board up to a minute old is fine: evicting it on every order would
    // recompute the aggregate on every sale, which is the cost its TTL exists to avoid.
    [SuppressMessage("Cached", "CACHE001", Justification = "The top-sellers board is allowed to lag orders by its one-minute TTL.")]
    public async Task<OrderOutcome> PlaceOrderAsync(int userId, int productId, int quantity, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var price = await db.Products.Where(p => p.Id == productId).Select(p => (decimal?)p.Price).FirstOrDefaultAsync(ct);
        if (price is null)
        {
            return new OrderOutcome(null, OrderRefusal.UnknownProduct);
        }

        // One conditional UPDATE: two concurrent orders can never both take the last unit.
        var taken = await db.Stock
            .Where(s => s.ProductId == productId && s.OnHand >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, x => x.OnHand - quantity), ct);
        if (taken == 0)
        {
            return new OrderOutcome(null, OrderRefusal.OutOfStock);
        }

        var order = new Order
        {
            UserId = userId,
            ProductId = productId,
            Quantity = quantity,
            Total = price.Value * quantity,
            PlacedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new OrderOutcome(new OrderView(order.Id, order.ProductId, order.Quantity, order.Total, order.PlacedAt), null);
    }
}
