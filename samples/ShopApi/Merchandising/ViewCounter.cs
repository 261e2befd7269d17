using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Merchandising;

/// <summary>View counters on the database, one row per product.</summary>
public sealed class ViewCounter(ShopDb db) : IViewCounter
{
    // A write on every page view, where a late or approximate count is fine: the pattern is write-behind, journaling
    // the increments and flushing them in batches so a page view costs no database write.
    public async Task RecordViewAsync(int productId, CancellationToken ct = default) =>
        await db.Views.Where(v => v.ProductId == productId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Views, v => v.Views + 1), ct);

    public async Task<long> GetViewsAsync(int productId, CancellationToken ct = default) =>
        await db.Views.AsNoTracking().Where(v => v.ProductId == productId).Select(v => v.Views).FirstOrDefaultAsync(ct);
}
