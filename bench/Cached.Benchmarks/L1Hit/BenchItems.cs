using System.ComponentModel;

namespace Cached.Benchmarks.L1Hit;

/// <summary>An immutable result: every cache may share one instance across hits.</summary>
[ImmutableObject(true)]
public sealed record ImmutableItem(int Id, string Name, decimal Price);

/// <summary>A mutable result: HybridCache hands out a fresh copy per hit.</summary>
public sealed class MutableItem
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public decimal Price { get; set; }
}
