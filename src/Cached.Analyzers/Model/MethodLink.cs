using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.Model;

/// <summary>
/// Whether a write can name a cached method in <c>[InvalidatesCache(Methods = [...])]</c>: the generated write rebuilds
/// the cached method's key from its own arguments, so every key parameter must appear among the write's parameters
/// with the same name and type.
/// </summary>
internal static class MethodLink
{
    /// <summary>The first key parameter of <paramref name="target"/> that <paramref name="write"/> cannot supply, explained; <c>null</c> when all match.</summary>
    /// <param name="symbols">The compilation's Cached types.</param>
    /// <param name="write">The <c>[InvalidatesCache]</c> method.</param>
    /// <param name="target">The cached method it names.</param>
    /// <param name="cached">The <c>[Cached]</c> of <paramref name="target"/> (its own or its interface method's).</param>
    public static string? UnmatchedKeyParameter(CachedSymbols symbols, IMethodSymbol write, IMethodSymbol target, AttributeData cached)
    {
        if (target.IsGenericMethod)
        {
            return $"'{target.Name}' is generic, and its keys name their type arguments, which a write cannot know; invalidate it through a tag instead";
        }

        foreach (var parameter in KeyTemplate.Parameters(symbols, target, cached))
        {
            var sameName = write.Parameters.FirstOrDefault(p => p.Name == parameter.Name);
            if (sameName is not null && SymbolEqualityComparer.Default.Equals(sameName.Type, parameter.Type))
            {
                continue;
            }

            var type = Display(parameter.Type);
            return sameName is null
                ? $"'{target.Name}' is keyed by parameter '{parameter.Name}' ({type}), which '{write.Name}' does not take; add a parameter '{parameter.Name}' of type '{type}' to '{write.Name}', or rename the one that carries that value"
                : $"'{target.Name}' is keyed by parameter '{parameter.Name}' of type '{type}', but '{write.Name}' takes '{parameter.Name}' as '{Display(sameName.Type)}'; make the types match";
        }

        return null;
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
