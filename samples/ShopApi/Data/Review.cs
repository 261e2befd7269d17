namespace ShopApi.Data;

/// <summary>A customer's review of a product.</summary>
public sealed class Review
{
    public int Id { get; set; }

    public int ProductId { get; set; }

    public int UserId { get; set; }

    public int Rating { get; set; }

    public required string Text { get; set; }

    /// <summary>When the review was written, UTC.</summary>
    public DateTime CreatedAt { get; set; }
}
