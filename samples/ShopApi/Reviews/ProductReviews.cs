using Cached;
using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Reviews;

/// <summary>Reviews on the database: an aggregate query per product page, so worth caching in both tiers.</summary>
public sealed class ProductReviews(ShopDb db, TimeProvider time) : IReviews
{
    private const int LatestCount = 10;

    // Reviews are shared by every visitor of a product and change when someone writes one: cached in L1 and in Redis
    // (so a new node starts warm), evicted by the product's review tag when a review is added. Old reviews beat none, so an
    // expired page is served while one refresh runs, and while the database fails (StaleFor).
    [Cached(Ttl = "15m", Jitter = "2m", StaleFor = "1h", Tags = ["reviews:{productId}"])]
    public async Task<ReviewPage> GetReviewsAsync(int productId, CancellationToken ct = default)
    {
        var reviews = db.Reviews.AsNoTracking().Where(r => r.ProductId == productId);
        var count = await reviews.CountAsync(ct);
        var average = count == 0 ? 0 : await reviews.AverageAsync(r => r.Rating, ct);
        var latest = await reviews
            .OrderByDescending(r => r.CreatedAt)
            .Take(LatestCount)
            .Select(r => new ReviewView(r.Id, r.UserId, r.Rating, r.Text, r.CreatedAt))
            .ToListAsync(ct);
        return new ReviewPage(productId, Math.Round(average, 2), count, latest);
    }

    [InvalidatesCache("reviews:{productId}")]
    public async Task<ReviewView> AddReviewAsync(int productId, int userId, NewReview review, CancellationToken ct = default)
    {
        var row = new Review
        {
            ProductId = productId,
            UserId = userId,
            Rating = review.Rating,
            Text = review.Text,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Reviews.Add(row);
        await db.SaveChangesAsync(ct);
        return new ReviewView(row.Id, row.UserId, row.Rating, row.Text, row.CreatedAt);
    }
}
