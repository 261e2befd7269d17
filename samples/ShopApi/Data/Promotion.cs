namespace ShopApi.Data;

/// <summary>A percentage off every product of a category.</summary>
public sealed class Promotion
{
    public required string Category { get; set; }

    public int PercentOff { get; set; }
}
