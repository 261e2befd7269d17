// Compiled into the generator (to emit key segments) and the analyzers (to report a parameter with no stable key
// form), so that what compiles is exactly what the generator can key. Keep it netstandard2.0-clean.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cached;

/// <summary>How a value enters a cache key: which <c>CacheKeyBuilder</c> call writes it.</summary>
internal enum KeyForm
{
    /// <summary>No stable key form: a compile-time diagnostic, never a <c>ToString()</c> guess.</summary>
    None = 0,

    /// <summary>Written by <c>Append(string)</c>, escaped.</summary>
    String,

    /// <summary>Written by <c>Append(bool)</c>.</summary>
    Boolean,

    /// <summary>Written by <c>Append(char)</c>, escaped.</summary>
    Char,

    /// <summary>An <c>ISpanFormattable</c> with an invariant form: written by <c>Append&lt;T&gt;</c>.</summary>
    Formattable,

    /// <summary>An enum: written as its underlying integer, so renaming a member keeps keys.</summary>
    Enum,

    /// <summary>A <c>Nullable&lt;T&gt;</c> of a formattable: written by <c>AppendNullable&lt;T&gt;</c>.</summary>
    NullableFormattable,

    /// <summary>A <c>Nullable&lt;T&gt;</c> of an enum, bool or char: <c>AppendNull()</c> or the value's form.</summary>
    NullableOther,

    /// <summary>A <c>CancellationToken</c>: never part of a key.</summary>
    CancellationToken,

    /// <summary>
    /// A record or a struct whose data members all have stable forms: a group of its members' forms, in declaration
    /// order (<see cref="KeyForms.MembersOf"/>), between <c>BeginGroup()</c> and <c>EndGroup()</c>.
    /// </summary>
    Composite,

    /// <summary>An array or an ordered collection of a stable form: a group of its elements, in order.</summary>
    Sequence,

    /// <summary>A set of a stable form: a group of its elements' forms, sorted, so that iteration order does not matter.</summary>
    Set,
}

/// <summary>Decides the <see cref="KeyForm"/> of a parameter type.</summary>
internal static class KeyForms
{
    /// <summary>
    /// How deep records, structs and collections may nest inside a key value: deep enough for a query object holding
    /// a list of filters; a recursive type has no stable form.
    /// </summary>
    public const int MaxDepth = 4;

    /// <summary>
    /// The form of <paramref name="type"/> as a single value: a scalar (string, number, bool, char, enum, Guid, date or
    /// time, or a nullable one), never a group. Records, structs and collections get <see cref="KeyForm.None"/> here.
    /// </summary>
    public static KeyForm Of(ITypeSymbol type) => Of(type, 0);

    /// <summary>
    /// The form of <paramref name="type"/> including groups: records and structs whose members have stable forms, and
    /// arrays, lists and sets of stable forms, nested at most <see cref="MaxDepth"/> deep. The generator keys these.
    /// </summary>
    public static KeyForm OfGrouped(ITypeSymbol type) => Of(type, MaxDepth);

    /// <summary>The form of <paramref name="type"/> when at most <paramref name="depth"/> groups may still nest.</summary>
    public static KeyForm Of(ITypeSymbol type, int depth)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            var inner = Of(nullable.TypeArguments[0], depth);
            return inner switch
            {
                KeyForm.Formattable => KeyForm.NullableFormattable,
                KeyForm.Enum or KeyForm.Boolean or KeyForm.Char => KeyForm.NullableOther,
                KeyForm.Composite => KeyForm.Composite,
                _ => KeyForm.None,
            };
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return KeyForm.Enum;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String: return KeyForm.String;
            case SpecialType.System_Boolean: return KeyForm.Boolean;
            case SpecialType.System_Char: return KeyForm.Char;
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_DateTime:
                return KeyForm.Formattable;
        }

        if (IsSystemType(type, "CancellationToken", "System.Threading"))
        {
            return KeyForm.CancellationToken;
        }

        if (IsSystemType(type, "Guid", "System") || IsSystemType(type, "DateTimeOffset", "System") ||
            IsSystemType(type, "DateOnly", "System") || IsSystemType(type, "TimeOnly", "System") ||
            IsSystemType(type, "TimeSpan", "System") || IsSystemType(type, "Int128", "System") ||
            IsSystemType(type, "UInt128", "System") || IsSystemType(type, "Half", "System"))
        {
            return KeyForm.Formattable;
        }

        if (depth == 0)
        {
            return KeyForm.None;
        }

        if (ElementOf(type, out var isSet) is { } element)
        {
            return Of(element, depth - 1) is KeyForm.None or KeyForm.CancellationToken
                ? KeyForm.None
                : isSet ? KeyForm.Set : KeyForm.Sequence;
        }

        if (!IsRecordOrStruct(type))
        {
            return KeyForm.None;
        }

        var members = MembersOf(type);
        if (members.Count == 0)
        {
            return KeyForm.None;
        }

        foreach (var member in members)
        {
            if (Of(TypeOf(member), depth - 1) is KeyForm.None or KeyForm.CancellationToken)
            {
                return KeyForm.None;
            }
        }

        return KeyForm.Composite;
    }

    /// <summary>
    /// The element type of an array or of a framework collection of <c>System.Collections.*</c> that is a reference
    /// type (a dictionary's is its <c>KeyValuePair</c>); <c>null</c> for anything else, <c>string</c> included.
    /// </summary>
    /// <param name="type">The parameter's (or member's) type.</param>
    /// <param name="isSet">The collection is a set or a dictionary, whose iteration order means nothing.</param>
    public static ITypeSymbol? ElementOf(ITypeSymbol type, out bool isSet)
    {
        isSet = false;
        if (type is IArrayTypeSymbol array)
        {
            return array.Rank == 1 ? array.ElementType : null;
        }

        if (type is not INamedTypeSymbol named || named.IsValueType || named.SpecialType == SpecialType.System_String ||
            !IsInNamespace(named, "System.Collections"))
        {
            return null;
        }

        ITypeSymbol? element = null;
        foreach (var candidate in Self(named).Concat(named.AllInterfaces))
        {
            var definition = candidate.OriginalDefinition.ToDisplayString();
            switch (definition)
            {
                case "System.Collections.Generic.IDictionary<TKey, TValue>":
                case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                case "System.Collections.Generic.ISet<T>":
                case "System.Collections.Generic.IReadOnlySet<T>":
                    isSet = true;
                    break;
                case "System.Collections.Generic.IEnumerable<T>":
                    element = candidate.TypeArguments[0];
                    break;
            }
        }

        return element;
    }

    /// <summary>
    /// The data members a record's or struct's key form is made of: its public, readable instance properties
    /// (indexers aside) and fields, base type's first, each in declaration order.
    /// </summary>
    public static IReadOnlyList<ISymbol> MembersOf(ITypeSymbol type)
    {
        var chain = new List<ITypeSymbol>();
        for (var current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        var members = new List<ISymbol>();
        var names = new HashSet<string>();
        foreach (var declaring in chain)
        {
            foreach (var member in declaring.GetMembers())
            {
                var readable = member switch
                {
                    IPropertySymbol { IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public } => true,
                    IFieldSymbol { IsImplicitlyDeclared: false, IsConst: false } => true,
                    _ => false,
                };
                if (readable && !member.IsStatic && member.DeclaredAccessibility == Accessibility.Public && names.Add(member.Name))
                {
                    members.Add(member);
                }
            }
        }

        return members;
    }

    /// <summary>The type of a member returned by <see cref="MembersOf"/>.</summary>
    public static ITypeSymbol TypeOf(ISymbol member) => member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;

    /// <summary>
    /// Structs and records of the application (not of the framework) whose members say everything about a value: a
    /// record class must be sealed (a derived instance would carry members its key leaves out), and every instance
    /// field must be public or back a public property (private state would be left out of the key).
    /// </summary>
    private static bool IsRecordOrStruct(ITypeSymbol type) =>
        IsKeyValuePair(type) ||
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named &&
        (named.TypeKind == TypeKind.Struct || (named.IsRecord && named.IsSealed)) &&
        !named.IsRefLikeType &&
        !IsInNamespace(named, "System") && !IsInNamespace(named, "Microsoft") &&
        HasOnlyPublicState(named);

    /// <summary>A dictionary's entry: its <c>Key</c> and <c>Value</c> are all it holds.</summary>
    private static bool IsKeyValuePair(ITypeSymbol type) =>
        type.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.KeyValuePair<TKey, TValue>";

    private static bool HasOnlyPublicState(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not IFieldSymbol { IsStatic: false, IsConst: false } field)
                {
                    continue;
                }

                var exposed = field.AssociatedSymbol is IPropertySymbol { GetMethod.DeclaredAccessibility: Accessibility.Public } property
                    ? property.DeclaredAccessibility == Accessibility.Public
                    : field.DeclaredAccessibility == Accessibility.Public && !field.IsImplicitlyDeclared;
                if (!exposed)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsInNamespace(INamedTypeSymbol type, string root)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns == root || ns.StartsWith(root + ".", System.StringComparison.Ordinal);
    }

    private static IEnumerable<INamedTypeSymbol> Self(INamedTypeSymbol type)
    {
        yield return type;
    }

    private static bool IsSystemType(ITypeSymbol type, string name, string ns) =>
        type.Name == name && type.ContainingNamespace?.ToDisplayString() == ns && type.ContainingType is null;
}
