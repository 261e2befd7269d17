using System.Linq;
using Cached.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>
/// Reads a <c>[WriteBehind]</c> write. One the generator cannot journal faithfully (a result, a by-reference or
/// ref-like parameter, a generic method) yields <c>null</c>: the decorator then forwards it and the analyzers say why.
/// </summary>
internal static class WriteBehindParser
{
    public static WriteBehindSpec? Parse(IMethodSymbol carrier, IMethodSymbol declared, KnownTypes known)
    {
        var shape = ReturnShapes.Of(declared, known, out _);
        if (shape is not (ReturnShape.Task or ReturnShape.ValueTask or ReturnShape.Void) ||
            carrier.IsGenericMethod || carrier.Parameters.Length != declared.Parameters.Length ||
            declared.Parameters.Any(p => p.RefKind != RefKind.None || p.Type.IsRefLikeType ||
                                         p.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer))
        {
            return null;
        }

        var cancellationToken = ParameterBinding.Of(declared, carrier)
            .FirstOrDefault(p => KeyForms.Of(p.Type) == KeyForm.CancellationToken).Named?.Name;
        var operation = carrier.ContainingType.ToIdentity() + "." + carrier.Name +
                        "(" + string.Join(",", carrier.Parameters.Select(p => p.Type.ToIdentity())) + ")";
        return new WriteBehindSpec(operation, cancellationToken is null ? null : SymbolFormats.EscapeIdentifier(cancellationToken));
    }
}
