namespace ShopApi.Merchandising;

/// <summary>Product view counters.</summary>
public interface IViewCounter
{
    /// <summary>Counts one view of a product.</summary>
    Task RecordViewAsync(int productId, CancellationToken ct = default);

    /// <summary>The views counted for a product so far.</summary>
    Task<long> GetViewsAsync(int productId, CancellationToken ct = default);
}
