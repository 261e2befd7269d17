using Cached;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Merchandising;

/// <summary>View counters on the database, one row per product.</summary>
public sealed class ViewCounter(ShopDb db, TimeProvider time) : IViewCounter
{
    private const int SqliteConstraint = 19;

    // A write on every page view, where a late count is fine: write-behind journals the increment and a background
    // flusher applies it, so a page view costs no database write. The journal delivers at least once, so the increment
    // commits together with its idempotency key and a second delivery changes nothing.
    [WriteBehind]
    [InvalidatesCache("views:{productId}")]
    public async Task RecordViewAsync(int productId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (WriteBehindCall.Current is { } call)
        {
            db.AppliedWrites.Add(new AppliedWrite { Key = call.IdempotencyKey, AppliedAt = time.GetUtcNow().UtcDateTime });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint })
        {
            return;
        }

        await db.Views.Where(v => v.ProductId == productId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Views, v => v.Views + 1), ct);
        await transaction.CommitAsync(ct);
    }

    // Read on every product page: cached briefly, and evicted once the flusher has applied a product's new views.
    [Cached(Ttl = "30s", Tags = ["views:{productId}"])]
    public async Task<long> GetViewsAsync(int productId, CancellationToken ct = default) =>
        await db.Views.AsNoTracking().Where(v => v.ProductId == productId).Select(v => v.Views).FirstOrDefaultAsync(ct);
}
