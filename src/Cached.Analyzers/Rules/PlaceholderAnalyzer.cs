using System.Collections.Generic;
using System.Collections.Immutable;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE003: tag and key templates of <c>[Cached]</c> (<c>Tags</c>, <c>Key</c>) and <c>[InvalidatesCache]</c> (its
/// tags), read by the same <see cref="Template"/> parser as the generator. Each fault is reported on the placeholder's
/// span inside the string literal when the literal spells the template verbatim.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PlaceholderAnalyzer : CachedAnalyzer
{
    private const string Placeholders = "write placeholders as {param} or {param.Member}";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.BadPlaceholder);

    /// <inheritdoc/>
    private protected override void AnalyzeMethod(SymbolAnalysisContext context, CachedSymbols symbols, IMethodSymbol method)
    {
        if (symbols.FindCached(method) is { } cached)
        {
            var syntax = AttributeSyntaxMap.For(cached, context.CancellationToken);
            var scope = PlaceholderScope.ForCached(method);
            foreach (var argument in cached.NamedArguments)
            {
                if (argument.Key == "Tags" && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
                {
                    var expression = syntax?.NamedArgument("Tags");
                    CheckAll(context, scope, argument.Value.Values, AttributeSyntaxMap.Elements(expression), expression ?? Fallback(syntax));
                }
                else if (argument.Key == "Key" && argument.Value.Value is string key)
                {
                    Check(context, scope, key, syntax?.NamedArgument("Key") ?? Fallback(syntax));
                }
            }
        }

        if (symbols.FindInvalidatesCache(method) is { } invalidates &&
            invalidates.ConstructorArguments.Length == 1 &&
            invalidates.ConstructorArguments[0] is { Kind: TypedConstantKind.Array, IsNull: false } tags)
        {
            var syntax = AttributeSyntaxMap.For(invalidates, context.CancellationToken);
            var scope = PlaceholderScope.ForInvalidation(method, symbols.ResultType(method));
            CheckAll(context, scope, tags.Values, syntax?.ParamsElements(tags.Values.Length), Fallback(syntax));
        }
    }

    private static void CheckAll(
        SymbolAnalysisContext context,
        PlaceholderScope scope,
        ImmutableArray<TypedConstant> values,
        IReadOnlyList<ExpressionSyntax>? elements,
        SyntaxNode? fallback)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Value is string template)
            {
                Check(context, scope, template, AttributeSyntaxMap.ElementOrFallback(elements, i, null) ?? fallback);
            }
        }
    }

    private static void Check(SymbolAnalysisContext context, PlaceholderScope scope, string template, SyntaxNode? node)
    {
        if (!Template.TryParse(template, out var parts, out var errorOffset))
        {
            var (length, problem) = Malformation(template, errorOffset);
            Report(context, node, template, errorOffset, length, problem);
            return;
        }

        foreach (var part in parts)
        {
            if (part.Path is { } path && scope.Problem(path) is { } problem)
            {
                var length = template.IndexOf('}', part.Start) - part.Start + 1;
                Report(context, node, template, part.Start, length, problem);
            }
        }
    }

    /// <summary>The span and the explanation of the fault <see cref="Template.TryParse"/> found at <paramref name="offset"/>.</summary>
    private static (int Length, string Problem) Malformation(string template, int offset)
    {
        if (template[offset] == '}')
        {
            return (1, $"'}}' at position {offset} closes no placeholder; {Placeholders}");
        }

        var close = template.IndexOf('}', offset + 1);
        if (close < 0)
        {
            return (template.Length - offset, $"'{{' at position {offset} is never closed; {Placeholders}");
        }

        var text = template.Substring(offset, close - offset + 1);
        return (text.Length, $"'{text}' is not a placeholder; {Placeholders}");
    }

    private static void Report(SymbolAnalysisContext context, SyntaxNode? node, string template, int start, int length, string problem)
    {
        var location = node switch
        {
            ExpressionSyntax expression => AttributeSyntaxMap.Within(expression, template, start, length),
            null => Location.None,
            _ => node.GetLocation(),
        };
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BadPlaceholder, location, template, problem));
    }

    private static SyntaxNode? Fallback(AttributeSyntaxMap? syntax) => syntax?.Attribute;
}
