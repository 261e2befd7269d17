namespace Cached.Benchmarks.L2Hit;

/// <summary>A typical cached read model: a product page's data, about 300 bytes of JSON.</summary>
public sealed record ProductSnapshot(
    int Id,
    string Name,
    string Category,
    decimal Price,
    int Stock,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> Labels)
{
    public static ProductSnapshot Sample(int id) => new(
        id,
        "Stainless steel water bottle, 750 ml",
        "kitchen/drinkware",
        24.90m,
        118,
        new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero),
        ["insulated", "dishwasher-safe", "bpa-free", "gift"]);
}
