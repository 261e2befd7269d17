using System.Collections.Immutable;
using System.Linq;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE008: an <c>[InvalidatesCache]</c> tag whose shape overlaps no tag of any <c>[Cached]</c> method the compilation
/// can see: a typo guard. Silent when no cached tag is visible at all (the cached service may live in a project this
/// one does not reference), and for malformed templates (CACHE003's business).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnproducedTagAnalyzer : CachedAnalyzer
{
    private const int MaxListed = 5;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnproducedTag);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, CachedSymbols symbols)
    {
        var compilation = context.Compilation;
        var gate = new object();
        ProducedTags? produced = null;
        context.RegisterSymbolAction(
            symbolContext =>
            {
                if (CachedSymbols.MethodToAnalyze(symbolContext.Symbol) is not { } method ||
                    symbols.FindInvalidatesCache(method) is not { } invalidation)
                {
                    return;
                }

                ProducedTags tags;
                lock (gate)
                {
                    tags = produced ??= ProducedTags.Collect(compilation, symbols, symbolContext.CancellationToken);
                }

                Analyze(symbolContext, invalidation, tags);
            },
            SymbolKind.Method);
    }

    private static void Analyze(SymbolAnalysisContext context, AttributeData invalidation, ProducedTags produced)
    {
        if (produced.Shapes.Count == 0 || invalidation.ConstructorArguments.Length != 1 ||
            invalidation.ConstructorArguments[0] is not { Kind: TypedConstantKind.Array, IsNull: false } tags)
        {
            return;
        }

        var syntax = AttributeSyntaxMap.For(invalidation, context.CancellationToken);
        var elements = syntax?.ParamsElements(tags.Values.Length);
        for (var i = 0; i < tags.Values.Length; i++)
        {
            if (tags.Values[i].Value is not string tag || TagShape.OfTemplate(tag) is not { } shape ||
                produced.Shapes.Any(s => TagShape.Overlap(s, shape)))
            {
                continue;
            }

            var node = AttributeSyntaxMap.ElementOrFallback(elements, i, null);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnproducedTag,
                node?.GetLocation() ?? syntax?.Location ?? Location.None,
                tag,
                Advice(shape, produced)));
        }
    }

    /// <summary>"did you mean" the closest produced template when it is a likely typo, else the templates there are.</summary>
    private static string Advice(string shape, ProducedTags produced)
    {
        var closest = produced.Templates
            .Select(t => (Template: t, Shape: TagShape.OfTemplate(t)))
            .Where(t => t.Shape is not null)
            .Select(t => (t.Template, Distance: TagShape.Distance(shape, t.Shape!)))
            .OrderBy(t => t.Distance)
            .ThenBy(t => t.Template, System.StringComparer.Ordinal)
            .FirstOrDefault();
        if (closest.Template is not null && closest.Distance <= System.Math.Max(2, shape.Length / 4))
        {
            return $"did you mean \"{closest.Template}\"?";
        }

        var listed = produced.Templates.Distinct().OrderBy(t => t, System.StringComparer.Ordinal).ToList();
        return "cached methods produce " + string.Join(", ", listed.Take(MaxListed).Select(t => "\"" + t + "\"")) +
               (listed.Count > MaxListed ? ", ..." : string.Empty);
    }
}
