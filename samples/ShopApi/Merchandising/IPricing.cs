namespace ShopApi.Merchandising;

/// <summary>Pricing inputs: currency rates and category promotions. Wrapped by a generated caching decorator.</summary>
public interface IPricing
{
    /// <summary>Every currency rate, by code.</summary>
    Task<IReadOnlyList<RateView>> GetRatesAsync(CancellationToken ct = default);

    /// <summary>Sets the rate of a currency (adds it when new).</summary>
    Task<RateView> SetRateAsync(string code, decimal perDollar, CancellationToken ct = default);

    /// <summary>Every running promotion, by category.</summary>
    Task<IReadOnlyList<PromotionView>> GetPromotionsAsync(CancellationToken ct = default);

    /// <summary>Sets the promotion of a category; 0% ends it.</summary>
    Task<PromotionView> SetPromotionAsync(string category, int percentOff, CancellationToken ct = default);
}

/// <summary>How many units of <paramref name="Code"/> one US dollar buys.</summary>
public sealed record RateView(string Code, decimal PerDollar);

/// <summary>A percentage off every product of a category.</summary>
public sealed record PromotionView(string Category, int PercentOff);

/// <summary>The body of <c>PUT /admin/rates/{code}</c>.</summary>
public sealed record RateChange(decimal PerDollar);

/// <summary>The body of <c>PUT /admin/promotions/{category}</c>.</summary>
public sealed record PromotionChange(int PercentOff);

/// <summary>A product's price in a currency, after its category's promotion.</summary>
public sealed record PriceQuote(int ProductId, string Currency, decimal ListPrice, int PercentOff, decimal Price);
