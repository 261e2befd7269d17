using System.Collections.Generic;
using System.Linq;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.DataAccess;

/// <summary>
/// Every method body of a compilation with what it reads and writes, joined through calls: what a cached method's
/// result depends on (its reads and those of everything it calls), and what a write reaches (its own writes and those
/// of the methods it runs undecorated). Built once, at the end of the compilation, from one walk per body.
/// </summary>
/// <remarks>
/// Data is compared by key: an entity is <c>e:</c> its type plus <c>t:</c> each table it maps to (<c>ToTable</c>,
/// <c>[Table]</c>, else the name of its <c>DbSet</c> property, else its class name, else its base entity's), and a table
/// in SQL is <c>t:</c> its normalized name; so EF Core and SQL touching the same table meet, and two tables with the
/// same columns never do.
/// </remarks>
internal sealed class AccessGraph
{
    private readonly DataAccessSymbols _data;
    private readonly object _gate = new();
    private readonly Dictionary<IMethodSymbol, MethodAccess> _bodies = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _implementations = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _calledDirectly = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _entities = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, HashSet<string>> _explicitTables = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, HashSet<string>> _setNames = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, HashSet<string>?> _reads = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, HashSet<DataItem>?> _writes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, HashSet<ITypeSymbol>?> _pending = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, bool?> _saves = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<string?>?> _manual = new(SymbolEqualityComparer.Default);

    public AccessGraph(DataAccessSymbols data, CachedSymbols symbols, IEnumerable<MethodAccess> bodies, IEnumerable<IMethodSymbol> readers)
    {
        _data = data;
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
            .Select(m => new CachedReader(symbols, m, ReadKeys(m)))
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

    /// <summary>The keys of the data <paramref name="method"/>'s result depends on (computed while the graph is built).</summary>
    private HashSet<string> ReadKeys(IMethodSymbol method)
    {
        var key = Key(method);
        if (_reads.TryGetValue(key, out var known))
        {
            return known ?? new HashSet<string>();
        }

        _reads[key] = null;
        var keys = new HashSet<string>();
        if (Body(method) is { } body)
        {
            foreach (var item in body.Reads)
            {
                keys.UnionWith(KeysOfUnlocked(item));
            }

            foreach (var navigation in body.Navigations)
            {
                if (IsEntity(navigation))
                {
                    keys.UnionWith(KeysOfUnlocked(DataItem.ForEntity(navigation)));
                }
            }

            foreach (var call in body.Calls)
            {
                foreach (var target in Targets(call))
                {
                    keys.UnionWith(ReadKeys(target));
                }
            }
        }

        _reads[key] = keys;
        return keys;
    }

    /// <summary>
    /// The data <paramref name="method"/> writes when it runs: its own direct writes, its tracked changes when it (or
    /// something it calls) saves them, and everything written by the methods it runs undecorated. The writes of a
    /// method called through an interface are that method's own (its decorator invalidates for them).
    /// </summary>
    public HashSet<DataItem> Writes(IMethodSymbol method)
    {
        lock (_gate)
        {
            return WritesUnlocked(method);
        }
    }

    private HashSet<DataItem> WritesUnlocked(IMethodSymbol method)
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
                        writes.UnionWith(WritesUnlocked(target));
                    }
                }
            }

            if (Saves(method))
            {
                foreach (var entity in Pending(method))
                {
                    if (IsEntity(entity))
                    {
                        writes.Add(DataItem.ForEntity(entity));
                    }
                }
            }
        }

        _writes[key] = writes;
        return writes;
    }

    /// <summary>Tags removed by hand (through <c>HybridCache</c>) by the method or what it runs undecorated; <c>null</c> entries reach anything.</summary>
    public List<string?> ManualInvalidations(IMethodSymbol method)
    {
        lock (_gate)
        {
            return ManualInvalidationsUnlocked(method);
        }
    }

    private List<string?> ManualInvalidationsUnlocked(IMethodSymbol method)
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
                        tags.AddRange(ManualInvalidationsUnlocked(target));
                    }
                }
            }
        }

        _manual[key] = tags;
        return tags;
    }

    /// <summary>The interface methods <paramref name="method"/> calls: their decorators run, with their own invalidations.</summary>
    public IEnumerable<IMethodSymbol> DecoratedCallees(IMethodSymbol method) =>
        Body(method) is { } body
            ? body.Calls.Where(c => c.Kind == CallKind.Interface).Select(c => c.Target)
            : Enumerable.Empty<IMethodSymbol>();

    /// <summary>The keys an item is compared by (see the remarks on the class).</summary>
    public IEnumerable<string> KeysOf(DataItem item)
    {
        lock (_gate)
        {
            return KeysOfUnlocked(item).ToList();
        }
    }

    private IEnumerable<string> KeysOfUnlocked(DataItem item)
    {
        if (item.Table is { } table)
        {
            yield return "t:" + SqlTables.Normalize(table);
            yield break;
        }

        var entity = item.Entity!;
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
    private HashSet<ITypeSymbol> Pending(IMethodSymbol method)
    {
        var key = Key(method);
        if (_pending.TryGetValue(key, out var known))
        {
            return known ?? new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        }

        _pending[key] = null;
        var pending = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        if (Body(method) is { } body)
        {
            pending.UnionWith(body.PendingChanges);
            foreach (var call in body.Calls)
            {
                foreach (var target in Targets(call))
                {
                    if (call.Kind != CallKind.Interface || !Saves(target))
                    {
                        pending.UnionWith(Pending(target));
                    }

                    // Apply(product, price) changes the tracked entity it is given.
                    if (!call.TrackedArguments.IsEmpty && Body(target) is { } targetBody)
                    {
                        foreach (var change in targetBody.ParameterChanges)
                        {
                            if (call.TrackedArguments.Contains(change.Key))
                            {
                                pending.Add(change.Value);
                            }
                        }
                    }
                }
            }
        }

        _pending[key] = pending;
        return pending;
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
        if (!_entities.Add(original) || _data.TableAttribute is null)
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
}
