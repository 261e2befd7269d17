using System.ComponentModel;

namespace Cached.Benchmarks.L2Hit;

/// <summary>
/// A typical cached read model: a product page's data, about 300 bytes of JSON. Marked immutable, as HybridCache's
/// documentation advises for read models: unmarked, both HybridCache front ends would copy it for every caller (Cached's
/// L2 read then allocates 5.68 KB instead of 3.39 KB), which is not what these suites compare.
/// </summary>
[ImmutableObject(true)]
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
