using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>
/// Plans the deep copy of a mutable result type: what the serializer's round trip would copy (public state, through the
/// constructor the serializer would choose), built with plain code. Whatever the copy cannot build faithfully (no usable
/// constructor, a get-only mutable member, a type that refers to itself, a collection it does not know, more levels
/// than <see cref="Mutability.MaxDepth"/>) yields no copy at all: the runtime then copies through the serializer.
/// </summary>
internal sealed class CopierParser
{
    private readonly KnownTypes _known;
    private readonly CopyableTypes _copyable;
    private readonly IAssemblySymbol _assembly;
    private readonly HashSet<ITypeSymbol> _visiting = new(SymbolEqualityComparer.Default);
    private readonly List<CopyTypeSpec> _planned = new();

    private CopierParser(KnownTypes known)
    {
        _known = known;
        _copyable = known.Copyable;
        _assembly = known.Compilation.Assembly;
    }

    /// <summary>The copy of <paramref name="result"/>, a type the rule of CACHE009 calls mutable; <c>null</c> when it has none.</summary>
    public static CopierSpec? Parse(ITypeSymbol result, KnownTypes known)
    {
        // A generic method's or type's result would need a generic copy; the serializer serves those.
        if (ContainsTypeParameter(result))
        {
            return null;
        }

        var parser = new CopierParser(known);
        if (parser.Value(result, depth: 0) is not { CopiedBy: { } root })
        {
            return null;
        }

        // Planned children first; reversed, every type precedes the types it copies, the result type first.
        var types = new List<CopyTypeSpec>();
        var keys = new HashSet<string>();
        for (var i = parser._planned.Count - 1; i >= 0; i--)
        {
            if (keys.Add(parser._planned[i].Type))
            {
                types.Add(parser._planned[i]);
            }
        }

        return new CopierSpec(root, types.ToEquatableArray());
    }

    /// <summary>How a value of <paramref name="type"/>, <paramref name="depth"/> levels below the result, is copied; <c>null</c> when it cannot be.</summary>
    private CopyValueSpec? Value(ITypeSymbol type, int depth)
    {
        if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return null;
        }

        if (_known.Mutability.Reason(type) is null)
        {
            return IsUnjudgedCollection(type) ? null : CopyValueSpec.Shared;
        }

        var key = Key(type);
        if (depth > Mutability.MaxDepth || !_visiting.Add(type))
        {
            return null;
        }

        try
        {
            var spec = type switch
            {
                IArrayTypeSymbol { Rank: 1 } array => Array(array, key, depth),
                INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable => Nullable(nullable, key, depth),
                INamedTypeSymbol named when _copyable.Collection(named) is { } collection => Collection(named, key, collection.Shape, collection.Concrete, depth),
                INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false, IsStatic: false, IsTupleType: false } named => Object(named, key, depth),
                _ => null,
            };
            if (spec is null)
            {
                return null;
            }

            _planned.Add(spec);
            return new CopyValueSpec(key, type.IsReferenceType);
        }
        finally
        {
            _visiting.Remove(type);
        }
    }

    private CopyTypeSpec? Array(IArrayTypeSymbol array, string key, int depth)
    {
        if (Value(array.ElementType, depth + 1) is not { } element)
        {
            return null;
        }

        // new T[length] for T[]; new T[length][] for T[][]: the length goes inside the innermost element's brackets.
        // (An element array of more dimensions has no copy, so every inner array has one.)
        ITypeSymbol innermost = array.ElementType;
        var suffix = "]";
        while (innermost is IArrayTypeSymbol inner)
        {
            suffix += "[]";
            innermost = inner.ElementType;
        }

        return new CopyTypeSpec(key, "ArrayOf" + Name(array.ElementType), CopyShape.Array, "new " + innermost.ToCode() + "[")
        {
            CreatesSuffix = suffix,
            Element = element,
        };
    }

    private CopyTypeSpec? Nullable(INamedTypeSymbol nullable, string key, int depth) =>
        Value(nullable.TypeArguments[0], depth + 1) is { CopiedBy: not null } element
            ? new CopyTypeSpec(key, "Nullable" + Name(nullable.TypeArguments[0]), CopyShape.Nullable, key) { Element = element }
            : null;

    private CopyTypeSpec? Collection(INamedTypeSymbol type, string key, CopyShape shape, bool concrete, int depth)
    {
        var arguments = type.TypeArguments;
        if (Value(arguments[arguments.Length - 1], depth + 1) is not { } element ||
            (shape == CopyShape.Dictionary && Value(arguments[0], depth + 1) is not { CopiedBy: null }) ||
            (shape == CopyShape.Set && element.CopiedBy is not null))
        {
            // Keys and set elements are hashed: the copy keeps them, so they must be immutable.
            return null;
        }

        var creates = "global::System.Collections.Generic." + (shape switch
        {
            CopyShape.Dictionary => "Dictionary",
            CopyShape.Set => "HashSet",
            _ => "List",
        }) + "<" + string.Join(", ", arguments.Select(a => a.ToCode())) + ">";
        return new CopyTypeSpec(key, Name(type), shape, creates)
        {
            ExactType = concrete ? TypeOf(type) : null,
            FromConcrete = concrete,
            Element = element,
        };
    }

    /// <summary>
    /// A class or struct: through the constructor the serializer would choose, whose parameters bind to members by name
    /// (case aside) and type; then every other public member that can be set, in an object initializer.
    /// </summary>
    private CopyTypeSpec? Object(INamedTypeSymbol type, string key, int depth)
    {
        // A framework type's public members do not show its state (Queue<T>, ImmutableArray<T>), and the serializer
        // writes any enumerable type as a collection, not as its members.
        if (IsFrameworkType(type) || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable) ||
            !_known.Compilation.IsSymbolAccessibleWithin(type, _assembly) || _copyable.IsObsoleteError(type) ||
            Constructor(type) is not { } constructor || _copyable.IsObsoleteError(constructor))
        {
            return null;
        }

        var members = Members(type);
        var arguments = new List<CopyMemberSpec>();
        var bound = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var parameter in constructor.Parameters)
        {
            var member = members.FirstOrDefault(m => m.Symbol.Name == parameter.Name) ??
                         members.FirstOrDefault(m => string.Equals(m.Symbol.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase));
            if (parameter.RefKind != RefKind.None || member is not { Readable: true } || _copyable.IsObsoleteError(member.Symbol) ||
                !SymbolEqualityComparer.Default.Equals(member.Type, parameter.Type) ||
                Value(member.Type, depth + 1) is not { } argument)
            {
                return null;
            }

            arguments.Add(new CopyMemberSpec(SymbolFormats.EscapeIdentifier(member.Symbol.Name), argument));
            bound.Add(member.Symbol);
        }

        var setsRequired = KnownTypes.Find(constructor, _copyable.SetsRequiredMembers) is not null;
        var assigned = new List<CopyMemberSpec>();
        foreach (var member in members)
        {
            var required = member.Required && !setsRequired;
            if ((bound.Contains(member.Symbol) && !required) || (_copyable.IsAlwaysIgnored(member.Symbol) && !required))
            {
                continue;
            }

            if (Value(member.Type, depth + 1) is not { } value || _copyable.IsObsoleteError(member.Symbol))
            {
                return null;
            }

            if (member.Settable && member.Readable)
            {
                assigned.Add(new CopyMemberSpec(SymbolFormats.EscapeIdentifier(member.Symbol.Name), value));
            }
            else if (member.Settable || value.CopiedBy is not null || KnownTypes.Find(member.Symbol, _copyable.JsonInclude) is not null)
            {
                // Write-only, or state the copy cannot set (a get-only mutable member, a non-public setter the serializer
                // is told to use): no faithful copy.
                return null;
            }
        }

        return new CopyTypeSpec(key, Name(type), CopyShape.Object, key)
        {
            ExactType = type.TypeKind == TypeKind.Class && !type.IsSealed ? TypeOf(type) : null,
            Arguments = arguments.ToEquatableArray(),
            Members = assigned.ToEquatableArray(),
        };
    }

    /// <summary>
    /// As System.Text.Json chooses: the one marked <c>[JsonConstructor]</c>, else the parameterless one, else the only one
    /// (a record's primary constructor); among those the generated code can call, copy constructors aside.
    /// </summary>
    private IMethodSymbol? Constructor(INamedTypeSymbol type)
    {
        var candidates = type.InstanceConstructors
            .Where(c => _known.Compilation.IsSymbolAccessibleWithin(c, _assembly) &&
                        !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type)))
            .ToList();
        return candidates.FirstOrDefault(c => KnownTypes.Find(c, _copyable.JsonConstructor) is not null) ??
               candidates.FirstOrDefault(c => c.Parameters.Length == 0) ??
               (candidates.Count == 1 ? candidates[0] : null);
    }

    /// <summary>The public instance properties (indexers aside) and fields of the type and its bases, the most derived first.</summary>
    private static List<DataMember> Members(INamedTypeSymbol type)
    {
        var members = new List<DataMember>();
        var seen = new HashSet<string>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || member.IsImplicitlyDeclared ||
                    !seen.Add(member.Name))
                {
                    continue;
                }

                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false } property:
                        members.Add(new DataMember(
                            property,
                            property.Type,
                            Readable: property.GetMethod is { DeclaredAccessibility: Accessibility.Public } && !property.ReturnsByRef,
                            Settable: property.SetMethod is { DeclaredAccessibility: Accessibility.Public },
                            property.IsRequired));
                        break;
                    case IFieldSymbol { IsConst: false } field:
                        members.Add(new DataMember(field, field.Type, Readable: true, Settable: !field.IsReadOnly, field.IsRequired));
                        break;
                }
            }
        }

        return members;
    }

    /// <summary>A type's code text without a top-level nullable annotation: the key of its copy method.</summary>
    private static string Key(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToCode();

    /// <summary>
    /// A framework collection such as <c>Queue&lt;T&gt;</c> or <c>Stack&lt;T&gt;</c>, which implements neither
    /// <c>ICollection&lt;T&gt;</c> nor <c>IList</c>: the rule of CACHE009 does not call it mutable, yet it changes, and
    /// a copy must not share it. Left to the serializer, which copies it.
    /// </summary>
    private bool IsUnjudgedCollection(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named && IsFrameworkType(named) &&
        named.ContainingNamespace.ToDisplayString() is not ("System.Collections.Immutable" or "System.Collections.Frozen" or "System.Collections.ObjectModel") &&
        named.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, _copyable.NonGenericCollection));

    private static bool IsFrameworkType(INamedTypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal));

    /// <summary>The type as <c>typeof</c> takes it: without nullable annotations.</summary>
    private static string TypeOf(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>A readable stem for a copy method's name: <c>Basket</c>, <c>ListOfLine</c>, <c>ArrayOfInt32</c>.</summary>
    private static string Name(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => "ArrayOf" + Name(array.ElementType),
        INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable => "Nullable" + Name(nullable.TypeArguments[0]),
        INamedTypeSymbol { IsGenericType: true } generic => generic.Name + "Of" + string.Join("And", generic.TypeArguments.Select(Name)),
        _ => SymbolFormats.Sanitize(type.Name),
    };

    private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsTypeParameter) ||
                                  (named.ContainingType is { } containing && ContainsTypeParameter(containing)),
        _ => false,
    };

    /// <summary>A public property or field, as the copy reads and sets it.</summary>
    private sealed record DataMember(ISymbol Symbol, ITypeSymbol Type, bool Readable, bool Settable, bool Required);
}
