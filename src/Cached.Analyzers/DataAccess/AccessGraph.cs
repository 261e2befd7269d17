using System.Collections.Generic;
using System.Linq;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.DataAccess;

/// <summary>
/// Every method body of a compilation with what it reads and writes, joined through calls: what a cached method's
/// result depends on (its reads and those of everything it calls), and what a write reaches (its own writes and those
/// of the methods it runs undecorated). Type arguments are carried along each call, so a generic repository's
/// <c>Set&lt;T&gt;()</c> reads <c>Coupon</c> when it is called as <c>Repository&lt;Coupon&gt;</c>.
/// </summary>
/// <remarks>
/// Data is compared by key: an entity is <c>e:</c> its type plus <c>t:</c> each table it maps to (<c>ToTable</c>,
/// <c>[Table]</c>, else the name of its <c>DbSet</c> property, else its class name, else its base entity's), and a table
/// in SQL is <c>t:</c> its normalized name; so EF Core and SQL touching the same table meet, and two tables with the
/// same columns never do. Within an entity, a write of one column (<c>product.Price = ...</c>) only reaches the cached
/// methods that use that property, unless the entity leaves for code the analysis cannot see or is itself cached.
/// </remarks>
internal sealed class AccessGraph
{
    private readonly DataAccessSymbols _data;
    private readonly CachedSymbols _symbols;
    private readonly object _gate = new();
    private readonly Dictionary<IMethodSymbol, MethodAccess> _bodies = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _implementations = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _calledDirectly = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _entities = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, HashSet<string>> _explicitTables = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, HashSet<string>> _setNames = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, ReadSummary?> _reads = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, HashSet<DataItem>?> _writes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, HashSet<DataItem>?> _pending = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, bool?> _saves = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<string?>?> _manual = new(SymbolEqualityComparer.Default);

    public AccessGraph(DataAccessSymbols data, CachedSymbols symbols, IEnumerable<MethodAccess> bodies, IEnumerable<IMethodSymbol> readers)
    {
        _data = data;
        _symbols = symbols;
        foreach (var body in bodies)
        {
            _bodies[Key(body.Method)] = body;
        }

        foreach (var body in _bodies.Values)
        {
            Index(body);
        }

        // Declaration order, so that messages list the cached methods as the source does.
        Readers = readers
            .OrderBy(m => m.Locations.FirstOrDefault()?.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start)
            .Select(m => new CachedReader(symbols, m, ReadColumns(m)))
            .ToList();
    }

    /// <summary>The cached methods of the compilation, with what they read.</summary>
    public IReadOnlyList<CachedReader> Readers { get; }

    /// <summary>The symbol a body is filed under: the defining part of a partial method, on the generic definition.</summary>
    public static IMethodSymbol Key(IMethodSymbol method) => (method.PartialDefinitionPart ?? method).OriginalDefinition;

    /// <summary>
    /// The body of <paramref name="method"/>; for a partial method whose implementation is generated, the
    /// <c>{Name}Core</c> method of the same class that the generated body calls.
    /// </summary>
    public MethodAccess? Body(IMethodSymbol method)
    {
        if (_bodies.TryGetValue(Key(method), out var body))
        {
            return body;
        }

        if (method.IsPartialDefinition && method.ContainingType is { } type)
        {
            foreach (var core in type.GetMembers(method.Name + "Core").OfType<IMethodSymbol>())
            {
                if (_bodies.TryGetValue(Key(core), out var coreBody))
                {
                    return coreBody;
                }
            }
        }

        return null;
    }

    /// <summary>Whether another method of the compilation runs <paramref name="method"/> undecorated.</summary>
    public bool IsCalledDirectly(IMethodSymbol method) => _calledDirectly.Contains(Key(method));

    /// <summary>
    /// The data <paramref name="method"/> writes when it runs: its own direct writes, its tracked changes when it (or
    /// something it calls) saves them, and everything written by the methods it runs undecorated. The writes of a
    /// method called through an interface are that method's own (its decorator invalidates for them).
    /// </summary>
    public IReadOnlyCollection<DataItem> Writes(IMethodSymbol method)
    {
        lock (_gate)
        {
            return WritesOf(method).Where(item => item.Entity is not ITypeParameterSymbol).ToList();
        }
    }

    /// <summary>Tags removed by hand (through <c>HybridCache</c>) by the method or what it runs undecorated; <c>null</c> entries reach anything.</summary>
    public List<string?> ManualInvalidations(IMethodSymbol method)
    {
        lock (_gate)
        {
            return ManualOf(method);
        }
    }

    /// <summary>The interface methods <paramref name="method"/> calls: their decorators run, with their own invalidations.</summary>
    public IEnumerable<IMethodSymbol> DecoratedCallees(IMethodSymbol method) =>
        Body(method) is { } body
            ? body.Calls.Where(c => c.Kind == CallKind.Interface).Select(c => c.Target)
            : Enumerable.Empty<IMethodSymbol>();

    /// <summary>Whether writing <paramref name="item"/> changes what <paramref name="reader"/> returns.</summary>
    public bool Reaches(DataItem item, CachedReader reader)
    {
        lock (_gate)
        {
            foreach (var key in KeysOf(item))
            {
                if (reader.Reads.TryGetValue(key, out var columns) && (item.Column is null || columns is null || columns.Contains(item.Column)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>What a reader's result depends on: key to the columns used, <c>null</c> for all of them.</summary>
    private Dictionary<string, HashSet<string>?> ReadColumns(IMethodSymbol reader)
    {
        var summary = ReadsOf(reader);
        var result = _symbols.ResultType(reader);
        var reads = new Dictionary<string, HashSet<string>?>();
        foreach (var item in summary.Items)
        {
            if (item.Table is not null)
            {
                Merge(reads, KeysOf(item), null);
            }
            else if (item.Entity is { } entity and not ITypeParameterSymbol)
            {
                Merge(reads, KeysOf(item), Columns(summary, result, entity));
            }
        }

        foreach (var navigation in summary.Navigations)
        {
            if (IsEntity(navigation))
            {
                Merge(reads, KeysOf(DataItem.ForEntity(navigation)), Columns(summary, result, navigation));
            }
        }

        return reads;
    }

    /// <summary>The properties of <paramref name="entity"/> a reader uses, or <c>null</c> (all) when it caches or hands out the entity.</summary>
    private HashSet<string>? Columns(ReadSummary summary, ITypeSymbol? result, ITypeSymbol entity)
    {
        if (result is not null && Holds(result, entity, 0))
        {
            return null;
        }

        foreach (var escaped in summary.Escapes)
        {
            if (Related(escaped, entity))
            {
                return null;
            }
        }

        var columns = new HashSet<string>();
        for (var type = entity; type is not null; type = type.BaseType)
        {
            if (summary.Columns.TryGetValue(type.OriginalDefinition, out var names))
            {
                columns.UnionWith(names);
            }
        }

        return columns;
    }

    /// <summary>Whether a value of <paramref name="type"/> holds an <paramref name="entity"/> (itself, an element, a member).</summary>
    private bool Holds(ITypeSymbol type, ITypeSymbol entity, int depth)
    {
        if (depth > 3 || type.SpecialType != SpecialType.None)
        {
            return false;
        }

        if (Related(type, entity))
        {
            return true;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Any(a => Holds(a, entity, depth + 1)))
        {
            return true;
        }

        if (_data.ElementType(type) is { } element)
        {
            return Holds(element, entity, depth + 1);
        }

        if (type.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal)))
        {
            return false;
        }

        return type.GetMembers().OfType<IPropertySymbol>()
            .Any(p => !p.IsStatic && p.DeclaredAccessibility == Accessibility.Public && Holds(p.Type, entity, depth + 1));
    }

    private static bool Related(ITypeSymbol a, ITypeSymbol b)
    {
        for (var type = a; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, b.OriginalDefinition))
            {
                return true;
            }
        }

        for (var type = b; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, a.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static void Merge(Dictionary<string, HashSet<string>?> reads, IEnumerable<string> keys, HashSet<string>? columns)
    {
        foreach (var key in keys)
        {
            if (!reads.TryGetValue(key, out var existing))
            {
                reads[key] = columns is null ? null : new HashSet<string>(columns);
            }
            else if (existing is not null)
            {
                if (columns is null)
                {
                    reads[key] = null;
                }
                else
                {
                    existing.UnionWith(columns);
                }
            }
        }
    }

    /// <summary>What <paramref name="method"/> and everything it calls read, in the method's own type parameters.</summary>
    private ReadSummary ReadsOf(IMethodSymbol method)
    {
        var key = Key(method);
        if (_reads.TryGetValue(key, out var known))
        {
            return known ?? ReadSummary.Empty;
        }

        _reads[key] = null;
        var summary = new ReadSummary();
        if (Body(method) is { } body)
        {
            summary.Items.UnionWith(body.Reads);
            summary.Navigations.UnionWith(body.Navigations);
            summary.Escapes.UnionWith(body.Escapes);
            foreach (var pair in body.PropertyReads)
            {
                summary.AddColumns(pair.Key, pair.Value);
            }

            foreach (var call in body.Calls)
            {
                foreach (var target in Targets(call))
                {
                    summary.Add(ReadsOf(target), call);
                }
            }
        }

        _reads[key] = summary;
        return summary;
    }

    private HashSet<DataItem> WritesOf(IMethodSymbol method)
    {
        var key = Key(method);
        if (_writes.TryGetValue(key, out var known))
        {
            return known ?? new HashSet<DataItem>();
        }

        _writes[key] = null;
        var writes = new HashSet<DataItem>();
        if (Body(method) is { } body)
        {
            writes.UnionWith(body.DirectWrites);
            foreach (var call in body.Calls)
            {
                if (call.Kind != CallKind.Interface)
                {
                    foreach (var target in Targets(call))
                    {
                        writes.UnionWith(WritesOf(target).Select(call.Substitute));
                    }
                }
            }

            if (Saves(method))
            {
                writes.UnionWith(PendingOf(method).Where(item => item.Entity is ITypeParameterSymbol || IsEntity(item.Entity!)));
            }
        }

        _writes[key] = writes;
        return writes;
    }

    private List<string?> ManualOf(IMethodSymbol method)
    {
        var key = Key(method);
        if (_manual.TryGetValue(key, out var known))
        {
            return known ?? new List<string?>();
        }

        _manual[key] = null;
        var tags = new List<string?>();
        if (Body(method) is { } body)
        {
            tags.AddRange(body.ManualInvalidations);
            foreach (var call in body.Calls)
            {
                if (call.Kind != CallKind.Interface)
                {
                    foreach (var target in Targets(call))
                    {
                        tags.AddRange(ManualOf(target));
                    }
                }
            }
        }

        _manual[key] = tags;
        return tags;
    }

    private bool Saves(IMethodSymbol method)
    {
        var key = Key(method);
        if (_saves.TryGetValue(key, out var known))
        {
            return known ?? false;
        }

        _saves[key] = null;
        var saves = false;
        if (Body(method) is { } body)
        {
            saves = body.SavesChanges || body.Calls.Any(call => Targets(call).Any(Saves));
        }

        _saves[key] = saves;
        return saves;
    }

    /// <summary>
    /// Tracked changes made by the method or by what it calls, that a <c>SaveChanges</c> in the method would persist. A
    /// method called through an interface that saves its own changes wrote them itself.
    /// </summary>
    private HashSet<DataItem> PendingOf(IMethodSymbol method)
    {
        var key = Key(method);
        if (_pending.TryGetValue(key, out var known))
        {
            return known ?? new HashSet<DataItem>();
        }

        _pending[key] = null;
        var pending = new HashSet<DataItem>();
        if (Body(method) is { } body)
        {
            pending.UnionWith(body.PendingChanges);
            foreach (var call in body.Calls)
            {
                foreach (var target in Targets(call))
                {
                    if (call.Kind != CallKind.Interface || !Saves(target))
                    {
                        pending.UnionWith(PendingOf(target).Select(call.Substitute));
                    }

                    // Apply(product, price) changes the tracked entity it is given.
                    if (!call.TrackedArguments.IsEmpty && Body(target) is { } targetBody)
                    {
                        foreach (var change in targetBody.ParameterChanges)
                        {
                            if (call.TrackedArguments.Contains(change.Key))
                            {
                                pending.Add(call.Substitute(change.Value));
                            }
                        }
                    }
                }
            }
        }

        _pending[key] = pending;
        return pending;
    }

    /// <summary>The keys an item is compared by (see the remarks on the class); none for an unresolved type parameter.</summary>
    private IEnumerable<string> KeysOf(DataItem item)
    {
        if (item.Table is { } table)
        {
            yield return "t:" + SqlTables.Normalize(table);
            yield break;
        }

        var entity = item.Entity!;
        if (entity is ITypeParameterSymbol)
        {
            yield break;
        }

        yield return "e:" + entity.ToDisplayString();
        foreach (var name in TablesOf(entity))
        {
            yield return "t:" + SqlTables.Normalize(name);
        }
    }

    private IEnumerable<string> TablesOf(ITypeSymbol entity)
    {
        for (var current = entity; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            var original = current.OriginalDefinition;
            if (_explicitTables.TryGetValue(original, out var explicitNames))
            {
                return explicitNames;
            }

            if (_setNames.TryGetValue(original, out var setNames))
            {
                return setNames;
            }

            if (current.BaseType is not { } baseType || !IsEntity(baseType))
            {
                return new[] { current.Name };
            }
        }

        return Enumerable.Empty<string>();
    }

    /// <summary>Whether <paramref name="type"/> (or a base type) is an entity of some context seen in the compilation.</summary>
    private bool IsEntity(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (_entities.Contains(current.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private IEnumerable<IMethodSymbol> Targets(MethodCall call)
    {
        if (call.Kind == CallKind.Interface)
        {
            return _implementations.TryGetValue(Key(call.Target), out var implementations)
                ? implementations
                : Enumerable.Empty<IMethodSymbol>();
        }

        return new[] { call.Target };
    }

    private void Index(MethodAccess body)
    {
        var method = body.Method;
        foreach (var member in ServiceShape.InterfaceMembers(method))
        {
            var key = Key(member);
            if (!_implementations.TryGetValue(key, out var list))
            {
                _implementations[key] = list = new List<IMethodSymbol>();
            }

            list.Add(Key(method));
        }

        foreach (var call in body.Calls)
        {
            if (call.Kind != CallKind.Interface && !SymbolEqualityComparer.Default.Equals(Key(call.Target), Key(method)))
            {
                _calledDirectly.Add(Key(call.Target));
            }
        }

        foreach (var entity in body.Entities)
        {
            AddEntity(entity);
        }

        foreach (var mapping in body.TableMappings)
        {
            AddEntity(mapping.Key);
            Add(_explicitTables, mapping.Key.OriginalDefinition, mapping.Value);
        }

        foreach (var context in body.Contexts)
        {
            for (var type = context; type is not null && _data.IsDbContext(type); type = type.BaseType)
            {
                foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
                {
                    if (_data.DbSetEntity(property.Type) is { } entity)
                    {
                        AddEntity(entity);
                        Add(_setNames, entity.OriginalDefinition, property.Name);
                    }
                }
            }
        }
    }

    private void AddEntity(ITypeSymbol entity)
    {
        var original = entity.OriginalDefinition;
        if (original is ITypeParameterSymbol || !_entities.Add(original) || _data.TableAttribute is null)
        {
            return;
        }

        foreach (var attribute in original.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _data.TableAttribute) &&
                attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                Add(_explicitTables, original, name);
            }
        }
    }

    private static void Add(Dictionary<ITypeSymbol, HashSet<string>> map, ITypeSymbol key, string value)
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        }

        set.Add(value);
    }

    /// <summary>What a method and its callees read: data items, navigations, properties used, and values handed out of sight.</summary>
    private sealed class ReadSummary
    {
        public static readonly ReadSummary Empty = new();

        public HashSet<DataItem> Items { get; } = new();

        public HashSet<ITypeSymbol> Navigations { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ITypeSymbol, HashSet<string>> Columns { get; } = new(SymbolEqualityComparer.Default);

        public HashSet<ITypeSymbol> Escapes { get; } = new(SymbolEqualityComparer.Default);

        public void AddColumns(ITypeSymbol type, IEnumerable<string> names)
        {
            if (!Columns.TryGetValue(type, out var set))
            {
                Columns[type] = set = new HashSet<string>();
            }

            set.UnionWith(names);
        }

        /// <summary>Adds a callee's reads, with the call's type arguments in place of the callee's type parameters.</summary>
        public void Add(ReadSummary callee, MethodCall call)
        {
            Items.UnionWith(callee.Items.Select(call.Substitute));
            Navigations.UnionWith(callee.Navigations.Select(call.Substitute));
            Escapes.UnionWith(callee.Escapes.Select(call.Substitute));
            foreach (var pair in callee.Columns)
            {
                AddColumns(call.Substitute(pair.Key), pair.Value);
            }
        }
    }
}
