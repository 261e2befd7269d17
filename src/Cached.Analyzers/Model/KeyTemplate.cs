using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.Model;

/// <summary>
/// What a <c>[Cached]</c> method's key is built from, as the generator builds it: with a <c>Key</c> template, the
/// values of its placeholders only; without one, every parameter but a <c>CancellationToken</c> and a
/// <c>[NotCacheKey]</c> one.
/// </summary>
internal static class KeyTemplate
{
    private const string Key = nameof(Key);

    /// <summary>The <c>Key</c> template of <paramref name="cached"/>, or <c>null</c> when the key is the default one.</summary>
    public static string? Of(AttributeData cached) =>
        cached.NamedArguments.FirstOrDefault(a => a.Key == Key).Value.Value as string;

    /// <summary>The placeholders of a well-formed <c>Key</c> template; empty when it is malformed (CACHE003's business).</summary>
    public static IEnumerable<TemplatePart> Placeholders(string template) =>
        Template.TryParse(template, out var parts, out _) ? parts.Where(p => p.Path is not null) : Enumerable.Empty<TemplatePart>();

    /// <summary>The parameters the key of <paramref name="method"/> reads: a template's placeholder roots, or every key parameter.</summary>
    public static IEnumerable<IParameterSymbol> Parameters(CachedSymbols symbols, IMethodSymbol method, AttributeData cached)
    {
        if (Of(cached) is not { } template)
        {
            return method.Parameters.Where(symbols.IsKeyParameter);
        }

        var roots = new HashSet<string>(Placeholders(template).Select(p => p.Path![0]));
        return method.Parameters.Where(p => roots.Contains(p.Name));
    }
}
