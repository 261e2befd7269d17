namespace ShopApi.Data;

/// <summary>How many units of a currency one US dollar buys; prices are stored in dollars.</summary>
public sealed class CurrencyRate
{
    public required string Code { get; set; }

    public decimal PerDollar { get; set; }
}
