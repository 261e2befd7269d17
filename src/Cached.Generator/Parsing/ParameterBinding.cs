using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>
/// A parameter of a decorated method: named as in the method carrying the attributes (their templates use those
/// names), typed as in the interface member the decorator implements.
/// </summary>
internal readonly struct ParameterBinding
{
    public ParameterBinding(IParameterSymbol declared, IParameterSymbol named)
    {
        Declared = declared;
        Named = named;
    }

    /// <summary>The interface member's parameter: its type is the one the decorator declares.</summary>
    public IParameterSymbol Declared { get; }

    /// <summary>The attribute carrier's parameter: its name and its <c>[NotCacheKey]</c>.</summary>
    public IParameterSymbol Named { get; }

    public string Name => Named.Name;

    public string Identifier => SymbolFormats.EscapeIdentifier(Named.Name);

    public ITypeSymbol Type => Declared.Type;

    public static IReadOnlyList<ParameterBinding> Of(IMethodSymbol declared, IMethodSymbol named)
    {
        var bindings = new ParameterBinding[declared.Parameters.Length];
        for (var i = 0; i < bindings.Length; i++)
        {
            bindings[i] = new ParameterBinding(declared.Parameters[i], named.Parameters[i]);
        }

        return bindings;
    }

    /// <summary>The parameters as placeholder roots; a <c>CancellationToken</c> has no value worth a tag or a key.</summary>
    public static Dictionary<string, PlaceholderRoot> Roots(IReadOnlyList<ParameterBinding> parameters)
    {
        var roots = new Dictionary<string, PlaceholderRoot>();
        foreach (var parameter in parameters)
        {
            if (KeyForms.Of(parameter.Type) != KeyForm.CancellationToken)
            {
                roots[parameter.Name] = new PlaceholderRoot(parameter.Identifier, parameter.Type);
            }
        }

        return roots;
    }
}
