using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.DataAccess;

/// <summary>How a call reaches its target, which decides whether the target's own <c>[InvalidatesCache]</c> runs.</summary>
internal enum CallKind
{
    /// <summary>On <c>this</c>, <c>base</c> or a static method: no decorator in between, the target runs as if inlined.</summary>
    SameObject,

    /// <summary>On another object through its class type: no decorator in between either.</summary>
    Direct,

    /// <summary>Through an interface: the registered (decorated) implementation runs, with its own invalidation.</summary>
    Interface,
}

/// <summary>A call from one method of the compilation to another that has (or whose implementations have) a body.</summary>
internal readonly struct MethodCall
{
    public MethodCall(IMethodSymbol target, CallKind kind, ImmutableArray<int> trackedArguments, ImmutableDictionary<ITypeSymbol, ITypeSymbol> typeArguments)
    {
        Target = target;
        Kind = kind;
        TrackedArguments = trackedArguments;
        TypeArguments = typeArguments;
    }

    public IMethodSymbol Target { get; }

    public CallKind Kind { get; }

    /// <summary>Ordinals of the parameters that receive a tracked entity (so the target's changes to them are tracked changes).</summary>
    public ImmutableArray<int> TrackedArguments { get; }

    /// <summary>The type arguments of the call, by the target's type parameters (<c>Repository&lt;Coupon&gt;</c>: T is Coupon).</summary>
    public ImmutableDictionary<ITypeSymbol, ITypeSymbol> TypeArguments { get; }

    /// <summary><paramref name="type"/> with the call's type arguments in place of the target's type parameters.</summary>
    public ITypeSymbol Substitute(ITypeSymbol type) =>
        type is ITypeParameterSymbol && TypeArguments.TryGetValue(type, out var argument) ? argument : type;

    public DataItem Substitute(DataItem item) =>
        item.Entity is ITypeParameterSymbol parameter && TypeArguments.TryGetValue(parameter, out var argument) ? item.WithEntity(argument) : item;
}

/// <summary>
/// What one method body does with data, found by one walk of its operations (<see cref="MethodAccessWalker"/>): the
/// facts only, before anything is known about the other methods of the compilation.
/// </summary>
internal sealed class MethodAccess
{
    public MethodAccess(IMethodSymbol method) => Method = method;

    public IMethodSymbol Method { get; }

    /// <summary>Entities queried (<c>DbSet&lt;T&gt;</c>, <c>Set&lt;T&gt;()</c>, <c>Find</c>) and tables named in SQL that is read.</summary>
    public HashSet<DataItem> Reads { get; } = new();

    /// <summary>Types of navigation-like properties used (<c>Include(p =&gt; p.Reviews)</c>, <c>o.Customer.Name</c>); entities among them are read.</summary>
    public HashSet<ITypeSymbol> Navigations { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Writes that need no <c>SaveChanges</c>: <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> and SQL with INSERT/UPDATE/DELETE/MERGE.</summary>
    public HashSet<DataItem> DirectWrites { get; } = new();

    /// <summary>Tracked changes: whole rows (Add/Update/Remove/Attach, entry state) or columns (assignments to tracked entities).</summary>
    public HashSet<DataItem> PendingChanges { get; } = new();

    /// <summary>Changes to members of the method's parameters (ordinal, change): tracked changes when a caller passes a tracked entity.</summary>
    public List<KeyValuePair<int, DataItem>> ParameterChanges { get; } = new();

    /// <summary>Properties read, by declaring type: the columns a cached method's result can depend on.</summary>
    public Dictionary<ITypeSymbol, HashSet<string>> PropertyReads { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Types whose values leave for code the analysis cannot see (a serializer, a mapper library): every column counts.</summary>
    public HashSet<ITypeSymbol> Escapes { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Whether the method calls <c>SaveChanges[Async]</c>.</summary>
    public bool SavesChanges { get; set; }

    public List<MethodCall> Calls { get; } = new();

    /// <summary>Tags removed by hand through <c>HybridCache</c> (with <see cref="SqlTables.Hole"/> for unknown parts); <c>null</c> for a removal whose reach is unknown.</summary>
    public List<string?> ManualInvalidations { get; } = new();

    /// <summary>DbContext types used, whose <c>DbSet&lt;T&gt;</c> properties give the default table names.</summary>
    public HashSet<ITypeSymbol> Contexts { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Entity types declared to the model (<c>Set&lt;T&gt;()</c>, <c>modelBuilder.Entity&lt;T&gt;()</c>).</summary>
    public HashSet<ITypeSymbol> Entities { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Table names given by <c>ToTable("name")</c>.</summary>
    public List<KeyValuePair<ITypeSymbol, string>> TableMappings { get; } = new();
}
