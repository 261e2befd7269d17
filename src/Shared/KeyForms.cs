// Compiled into the generator (to emit key segments) and the analyzers (to report a parameter with no stable key
// form), so that what compiles is exactly what the generator can key. Keep it netstandard2.0-clean.
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
}

/// <summary>Decides the <see cref="KeyForm"/> of a parameter type.</summary>
internal static class KeyForms
{
    public static KeyForm Of(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            var inner = Of(nullable.TypeArguments[0]);
            return inner switch
            {
                KeyForm.Formattable => KeyForm.NullableFormattable,
                KeyForm.Enum or KeyForm.Boolean or KeyForm.Char => KeyForm.NullableOther,
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

        return IsSystemType(type, "CancellationToken", "System.Threading") ? KeyForm.CancellationToken
            : IsSystemType(type, "Guid", "System") || IsSystemType(type, "DateTimeOffset", "System") ||
              IsSystemType(type, "DateOnly", "System") || IsSystemType(type, "TimeOnly", "System") ||
              IsSystemType(type, "TimeSpan", "System") || IsSystemType(type, "Int128", "System") ||
              IsSystemType(type, "UInt128", "System") || IsSystemType(type, "Half", "System")
                ? KeyForm.Formattable
                : KeyForm.None;
    }

    private static bool IsSystemType(ITypeSymbol type, string name, string ns) =>
        type.Name == name && type.ContainingNamespace?.ToDisplayString() == ns && type.ContainingType is null;
}
