using Cached;
using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Merchandising;

/// <summary>The top-sellers board: an aggregate over every order, expensive and read on the home page.</summary>
/// <remarks>
/// Refresh-ahead recomputes the board in the background, after the request that triggered it has ended, so this service
/// creates its own <see cref="ShopDb"/> per call instead of holding the request's scoped one.
/// </remarks>
public sealed class TopSellers(IDbContextFactory<ShopDb> databases) : ITopSellers
{
    /// <summary>The board's default length, as the home page shows it.</summary>
    public const int BoardSize = 10;

    // Hot and expensive, and a minute-old board is fine: refresh-ahead recomputes it in the background before it
    // expires, so no visitor ever waits for the aggregate.
    [Cached(Ttl = "1m", Jitter = "5s", Strategy = CacheStrategy.RefreshAhead, Tags = ["top-sellers"])]
    public async Task<IReadOnlyList<TopSeller>> GetTopSellersAsync(int count, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
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
