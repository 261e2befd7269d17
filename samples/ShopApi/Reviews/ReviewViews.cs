namespace ShopApi.Reviews;

/// <summary>One review as shown on a product page.</summary>
public sealed record ReviewView(int Id, int UserId, int Rating, string Text, DateTime CreatedAt);

/// <summary>A product's reviews: the average rating, the count and the most recent ones.</summary>
public sealed record ReviewPage(int ProductId, double AverageRating, int Count, IReadOnlyList<ReviewView> Latest);

/// <summary>The body of <c>POST /products/{id}/reviews</c>.</summary>
public sealed record NewReview(int Rating, string Text);
