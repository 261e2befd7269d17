using Cached.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

internal static class ReturnShapes
{
    /// <summary>How <paramref name="method"/> returns, and its result type for the shapes that have one.</summary>
    public static ReturnShape Of(IMethodSymbol method, KnownTypes known, out ITypeSymbol? result)
    {
        result = null;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return ReturnShape.ByRef;
        }

        if (method.ReturnsVoid)
        {
            return ReturnShape.Void;
        }

        var type = method.ReturnType;
        if (type is INamedTypeSymbol named)
        {
            var definition = named.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition, known.TaskOfT))
            {
                result = named.TypeArguments[0];
                return ReturnShape.TaskOfT;
            }

            if (SymbolEqualityComparer.Default.Equals(definition, known.ValueTaskOfT))
            {
                result = named.TypeArguments[0];
                return ReturnShape.ValueTaskOfT;
            }

            if (SymbolEqualityComparer.Default.Equals(definition, known.Task))
            {
                return ReturnShape.Task;
            }

            if (SymbolEqualityComparer.Default.Equals(definition, known.ValueTask))
            {
                return ReturnShape.ValueTask;
            }
        }

        result = type;
        return ReturnShape.Value;
    }

    public static bool IsAsync(this ReturnShape shape) =>
        shape is ReturnShape.Task or ReturnShape.TaskOfT or ReturnShape.ValueTask or ReturnShape.ValueTaskOfT;
}
