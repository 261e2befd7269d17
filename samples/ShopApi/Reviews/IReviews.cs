namespace ShopApi.Reviews;

/// <summary>Product reviews. Its implementation is wrapped by a generated caching decorator.</summary>
public interface IReviews
{
    /// <summary>The review summary and latest reviews of a product.</summary>
    Task<ReviewPage> GetReviewsAsync(int productId, CancellationToken ct = default);

    /// <summary>Adds a review by <paramref name="userId"/>; the product's review page changes.</summary>
    Task<ReviewView> AddReviewAsync(int productId, int userId, NewReview review, CancellationToken ct = default);
}
