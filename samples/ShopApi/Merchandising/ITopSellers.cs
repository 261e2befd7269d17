namespace ShopApi.Merchandising;

/// <summary>The top-sellers board. Its implementation is wrapped by a generated caching decorator.</summary>
public interface ITopSellers
{
    /// <summary>The <paramref name="count"/> products with the most units sold, best first.</summary>
    Task<IReadOnlyList<TopSeller>> GetTopSellersAsync(int count, CancellationToken ct = default);
}

/// <summary>A line of the top-sellers board.</summary>
public sealed record TopSeller(int ProductId, string Name, int UnitsSold);
