using System.Collections.Generic;
using Cached.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>
/// The framework types a generated copy knows how to build (collections) or must respect (System.Text.Json
/// attributes, so that it copies what the serializer's round trip copies), looked up once per transform.
/// </summary>
internal sealed class CopyableTypes
{
    private const string Generic = "System.Collections.Generic.";

    /// <summary>Collection definitions by the collection a copy builds, and whether they are that collection itself.</summary>
    private readonly Dictionary<INamedTypeSymbol, (CopyShape Shape, bool Concrete)> _collections =
        new(SymbolEqualityComparer.Default);

    public CopyableTypes(Compilation compilation)
    {
        Add(compilation, Generic + "List`1", CopyShape.List, concrete: true);
        Add(compilation, Generic + "IList`1", CopyShape.List, concrete: false);
        Add(compilation, Generic + "ICollection`1", CopyShape.List, concrete: false);
        Add(compilation, Generic + "IEnumerable`1", CopyShape.List, concrete: false);
        Add(compilation, Generic + "IReadOnlyList`1", CopyShape.List, concrete: false);
        Add(compilation, Generic + "IReadOnlyCollection`1", CopyShape.List, concrete: false);
        Add(compilation, Generic + "Dictionary`2", CopyShape.Dictionary, concrete: true);
        Add(compilation, Generic + "IDictionary`2", CopyShape.Dictionary, concrete: false);
        Add(compilation, Generic + "IReadOnlyDictionary`2", CopyShape.Dictionary, concrete: false);
        Add(compilation, Generic + "HashSet`1", CopyShape.Set, concrete: true);
        Add(compilation, Generic + "ISet`1", CopyShape.Set, concrete: false);
        Add(compilation, Generic + "IReadOnlySet`1", CopyShape.Set, concrete: false);
        NonGenericCollection = compilation.GetTypeByMetadataName("System.Collections.ICollection");
        Obsolete = compilation.GetTypeByMetadataName("System.ObsoleteAttribute");
        JsonIgnore = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonIgnoreAttribute");
        JsonInclude = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonIncludeAttribute");
        JsonConstructor = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonConstructorAttribute");
        SetsRequiredMembers = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");
    }

    /// <summary><c>System.Collections.ICollection</c>, which every framework collection implements.</summary>
    public INamedTypeSymbol? NonGenericCollection { get; }

    public INamedTypeSymbol? Obsolete { get; }

    public INamedTypeSymbol? JsonIgnore { get; }

    public INamedTypeSymbol? JsonInclude { get; }

    public INamedTypeSymbol? JsonConstructor { get; }

    public INamedTypeSymbol? SetsRequiredMembers { get; }

    /// <summary>
    /// The collection a copy of <paramref name="type"/> builds (<c>List&lt;T&gt;</c> for <c>IList&lt;T&gt;</c>, as the
    /// serializer does), and whether <paramref name="type"/> is that collection itself; <c>null</c> for any other type.
    /// </summary>
    public (CopyShape Shape, bool Concrete)? Collection(INamedTypeSymbol type) =>
        _collections.TryGetValue(type.OriginalDefinition, out var collection) ? collection : null;

    /// <summary>
    /// <c>[JsonIgnore]</c> without a condition or with <c>JsonIgnoreCondition.Always</c>: the serializer never writes the
    /// member, so its round trip leaves it as the constructor does.
    /// </summary>
    public bool IsAlwaysIgnored(ISymbol member)
    {
        if (JsonIgnore is null || KnownTypes.Find(member, JsonIgnore) is not { } ignore)
        {
            return false;
        }

        foreach (var argument in ignore.NamedArguments)
        {
            if (argument.Key == "Condition" && argument.Value.Value is int condition && condition != AlwaysCondition)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>[Obsolete(..., error: true)]</c>: code that uses it does not compile, so the copy cannot.</summary>
    public bool IsObsoleteError(ISymbol symbol) =>
        KnownTypes.Find(symbol, Obsolete) is { ConstructorArguments: { Length: 2 } arguments } && arguments[1].Value is true;

    /// <summary>The value of <c>System.Text.Json.Serialization.JsonIgnoreCondition.Always</c>.</summary>
    private const int AlwaysCondition = 1;

    private void Add(Compilation compilation, string metadataName, CopyShape shape, bool concrete)
    {
        if (compilation.GetTypeByMetadataName(metadataName) is { } type)
        {
            _collections[type] = (shape, concrete);
        }
    }
}
