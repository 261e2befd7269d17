// Compiled into the analyzers (CACHE009 reports a mutable result) and the generator (a mutable result is copied on
// every read), so the warning and the runtime's behaviour follow one rule.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cached;

/// <summary>
/// Decides whether a value of a type can be changed by whoever holds it, and says why: a public setter, a writable
/// public field, a mutable collection, at any depth of the members it exposes. Value types are copied when read, so
/// only what they reference counts. <c>[ImmutableObject(true)]</c> is the author's word that a type is not changed.
/// </summary>
internal sealed class Mutability
{
    /// <summary>
    /// How many levels of members, elements and type arguments below a type are looked at; deeper, a type counts as not
    /// mutable. The generator's copies of mutable results stop at the same depth.
    /// </summary>
    public const int MaxDepth = 4;

    private static readonly HashSet<string> ReadOnlyCollections = new()
    {
        "System.Collections.Generic.IEnumerable`1",
        "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Collections.Generic.IReadOnlySet`1",
        "System.Collections.ObjectModel.ReadOnlyCollection`1",
        "System.Collections.ObjectModel.ReadOnlyDictionary`2",
        "System.Collections.ObjectModel.ReadOnlySet`1",
        "System.Linq.ILookup`2",
        "System.Linq.IGrouping`2",
    };

    private readonly INamedTypeSymbol? _immutableObject;
    private readonly INamedTypeSymbol? _iCollection;
    private readonly INamedTypeSymbol? _nonGenericCollection;

    public Mutability(Compilation compilation)
    {
        _immutableObject = compilation.GetTypeByMetadataName("System.ComponentModel.ImmutableObjectAttribute");
        _iCollection = compilation.GetSpecialType(SpecialType.System_Collections_Generic_ICollection_T);
        // Not IList: Queue<T>, Stack<T> and the concurrent bag, queue and stack implement neither IList nor ICollection<T>,
        // only the non-generic ICollection, and are as mutable as a list.
        _nonGenericCollection = compilation.GetTypeByMetadataName("System.Collections.ICollection");
    }

    /// <summary>Why a value of <paramref name="type"/> is mutable, or <c>null</c> when it is not (or cannot be told).</summary>
    public string? Reason(ITypeSymbol type) => Reason(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), 0);

    private string? Reason(ITypeSymbol type, HashSet<ITypeSymbol> visiting, int depth)
    {
        if (depth > MaxDepth || type.TypeKind is TypeKind.Error or TypeKind.TypeParameter or TypeKind.Enum or TypeKind.Delegate ||
            type.SpecialType != SpecialType.None || IsMarkedImmutable(type) || !visiting.Add(type))
        {
            return null;
        }

        try
        {
            if (type is IArrayTypeSymbol array)
            {
                return $"'{Display(array)}' is an array, whose elements can be replaced";
            }

            if (type is not INamedTypeSymbol named)
            {
                return null;
            }

            var metadataName = MetadataName(named.OriginalDefinition);
            if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ||
                ReadOnlyCollections.Contains(metadataName) || IsImmutableNamespace(named))
            {
                return TypeArguments(named, visiting, depth);
            }

            if (IsMutableCollection(named))
            {
                return $"'{Display(named)}' is a mutable collection";
            }

            if (named.TypeKind == TypeKind.Interface || named.IsTupleType)
            {
                return named.IsTupleType ? TypeArguments(named, visiting, depth) : null;
            }

            if (named.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal)))
            {
                // Framework value-like types (Guid, DateTime, Uri, Version, ...) are not changed by their holders.
                return null;
            }

            return Members(named, visiting, depth);
        }
        finally
        {
            visiting.Remove(type);
        }
    }

    private string? Members(INamedTypeSymbol type, HashSet<ITypeSymbol> visiting, int depth)
    {
        var isValueType = type.IsValueType;
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || member.IsImplicitlyDeclared)
                {
                    continue;
                }

                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false } property:
                        if (!isValueType && property.SetMethod is { DeclaredAccessibility: Accessibility.Public, IsInitOnly: false })
                        {
                            return $"property '{property.Name}' has a public setter";
                        }

                        if (property.GetMethod is not null && Reason(property.Type, visiting, depth + 1) is { } inner)
                        {
                            return $"property '{property.Name}': {inner}";
                        }

                        break;
                    case IFieldSymbol { IsConst: false } field:
                        if (!isValueType && !field.IsReadOnly)
                        {
                            return $"field '{field.Name}' is not read-only";
                        }

                        if (Reason(field.Type, visiting, depth + 1) is { } fieldInner)
                        {
                            return $"field '{field.Name}': {fieldInner}";
                        }

                        break;
                }
            }
        }

        return null;
    }

    private string? TypeArguments(INamedTypeSymbol type, HashSet<ITypeSymbol> visiting, int depth)
    {
        foreach (var argument in type.TypeArguments)
        {
            if (Reason(argument, visiting, depth + 1) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private bool IsMutableCollection(INamedTypeSymbol type) =>
        Implements(type, _iCollection) || Implements(type, _nonGenericCollection);

    private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol? @interface) =>
        @interface is not null &&
        (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface) ||
         type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, @interface)));

    /// <summary>System.Collections.Immutable and System.Collections.Frozen types implement ICollection&lt;T&gt; but throw on change.</summary>
    private static bool IsImmutableNamespace(INamedTypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() is "System.Collections.Immutable" or "System.Collections.Frozen";

    private bool IsMarkedImmutable(ITypeSymbol type) =>
        _immutableObject is not null &&
        type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _immutableObject) &&
                                      a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is true);

    private static string MetadataName(INamedTypeSymbol type) =>
        (type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." : string.Empty) + type.MetadataName;

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
