using System.ComponentModel;

namespace Cached.Runtime.Tests.Support;

/// <summary>A mutable value: anyone holding it can change its items, so a cache must not share one instance.</summary>
public sealed class Basket
{
    public List<string> Items { get; set; } = [];
}

/// <summary>A value its author declares immutable, the way HybridCache's rule recognises: shared, never copied.</summary>
[ImmutableObject(true)]
public sealed record Label(string Text);
