using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.Model;

/// <summary>
/// The entries of <c>[InvalidatesCache(Methods = [...])]</c> and the methods each can name: the cached methods a write
/// links to by name, looked up on the write's own type (with an interface's inherited members), as the generator does.
/// </summary>
internal static class MethodsEntries
{
    private const string Methods = nameof(Methods);

    /// <summary>Each string entry of <c>Methods</c>, with the syntax that wrote it (or the attribute, as a fallback).</summary>
    public static IEnumerable<(string Name, Location Location)> Of(AttributeData attribute, CancellationToken cancellationToken)
    {
        var entries = attribute.NamedArguments.FirstOrDefault(a => a.Key == Methods).Value;
        if (entries.Kind != TypedConstantKind.Array || entries.IsNull || entries.Values.Length == 0)
        {
            yield break;
        }

        var syntax = AttributeSyntaxMap.For(attribute, cancellationToken);
        var expression = syntax?.NamedArgument(Methods);
        var elements = AttributeSyntaxMap.Elements(expression);
        for (var i = 0; i < entries.Values.Length; i++)
        {
            if (entries.Values[i].Value is string name)
            {
                var node = (SyntaxNode?)AttributeSyntaxMap.ElementOrFallback(elements, i, expression) ?? syntax?.Attribute;
                yield return (name, node?.GetLocation() ?? Location.None);
            }
        }
    }

    /// <summary>The ordinary methods of <paramref name="type"/>, with an interface's inherited ones.</summary>
    public static IEnumerable<IMethodSymbol> MethodsOf(INamedTypeSymbol type)
    {
        var types = type.TypeKind == TypeKind.Interface ? new[] { type }.Concat(type.AllInterfaces) : new[] { type };
        return types.SelectMany(t => t.GetMembers()).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary);
    }
}
