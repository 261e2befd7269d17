using Cached;
using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Merchandising;

/// <summary>The top-sellers board: an aggregate over every order, expensive and read on the home page.</summary>
public sealed class TopSellers(ShopDb db) : ITopSellers
{
    // Hot and expensive, and a minute-old board is fine: the pattern is refresh-ahead, so the board is recomputed in
    // the background before it expires and no visitor ever waits for the aggregate.
    [Cached(Ttl = "1m", Jitter = "5s", Tags = ["top-sellers"])]
    public async Task<IReadOnlyList<TopSeller>> GetTopSellersAsync(int count, CancellationToken ct = default)
    {
        var sold = await db.Orders.AsNoTracking()
            .GroupBy(o => o.ProductId)
            .Select(g => new { ProductId = g.Key, Units = g.Sum(o => o.Quantity) })
            .OrderByDescending(x => x.Units)
            .ThenBy(x => x.ProductId)
            .Take(count)
            .ToListAsync(ct);
        var ids = sold.Select(x => x.ProductId).ToList();
        var names = await db.Products.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return sold.Select(x => new TopSeller(x.ProductId, names.GetValueOrDefault(x.ProductId, ""), x.Units)).ToList();
    }
}
