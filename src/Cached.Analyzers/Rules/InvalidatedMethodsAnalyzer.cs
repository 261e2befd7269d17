using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE006: each entry of <c>[InvalidatesCache(Methods = [...])]</c> must name a <c>[Cached]</c> method of the same
/// type whose key parameters the write can supply, by name and type, so that the generated write can compute the key
/// of the entry to evict (or to overwrite, for write-through).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidatedMethodsAnalyzer : CachedAnalyzer
{
    private const string Methods = nameof(Methods);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnmatchedInvalidatedMethod);

    /// <inheritdoc/>
    private protected override void AnalyzeMethod(SymbolAnalysisContext context, CachedSymbols symbols, IMethodSymbol write)
    {
        if (write.ContainingType is null ||
            symbols.FindInvalidatesCache(write) is not { } attribute)
        {
            return;
        }

        var entries = attribute.NamedArguments.FirstOrDefault(a => a.Key == Methods).Value;
        if (entries.Kind != TypedConstantKind.Array || entries.IsNull || entries.Values.Length == 0)
        {
            return;
        }

        var syntax = AttributeSyntaxMap.For(attribute, context.CancellationToken);
        var expression = syntax?.NamedArgument(Methods);
        var elements = AttributeSyntaxMap.Elements(expression);
        for (var i = 0; i < entries.Values.Length; i++)
        {
            if (entries.Values[i].Value is not string name)
            {
                continue;
            }

            if (Problem(symbols, write, name) is { } problem)
            {
                var node = (SyntaxNode?)AttributeSyntaxMap.ElementOrFallback(elements, i, expression) ?? syntax?.Attribute;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnmatchedInvalidatedMethod, node?.GetLocation() ?? Location.None, name, problem));
            }
        }
    }

    /// <summary>Why <paramref name="name"/> cannot be linked to <paramref name="write"/>, or <c>null</c>.</summary>
    private static string? Problem(CachedSymbols symbols, IMethodSymbol write, string name)
    {
        var type = write.ContainingType;
        var sameName = MethodsOf(type).Where(m => m.Name == name).ToList();
        var cached = sameName.Where(m => IsCached(symbols, m)).ToList();
        if (cached.Count == 0)
        {
            var available = MethodsOf(type).Where(m => IsCached(symbols, m)).Select(m => m.Name).Distinct().ToList();
            var list = available.Count == 0 ? $"'{type.Name}' has none" : "[Cached] methods: " + string.Join(", ", available);
            return sameName.Count > 0
                ? $"'{name}' of '{type.Name}' is not [Cached]; {list}"
                : $"names no [Cached] method of '{type.Name}'; {list}";
        }

        string? first = null;
        foreach (var target in cached)
        {
            var problem = UnmatchedParameter(symbols, write, target);
            if (problem is null)
            {
                return null;
            }

            first ??= problem;
        }

        return first;
    }

    /// <summary>The first key parameter of <paramref name="target"/> that <paramref name="write"/> cannot supply, explained.</summary>
    private static string? UnmatchedParameter(CachedSymbols symbols, IMethodSymbol write, IMethodSymbol target)
    {
        foreach (var parameter in target.Parameters)
        {
            if (!symbols.IsKeyParameter(parameter))
            {
                continue;
            }

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

    /// <summary>A method is cached when it, or the interface method it implements, carries <c>[Cached]</c>.</summary>
    private static bool IsCached(CachedSymbols symbols, IMethodSymbol method) =>
        symbols.FindCached(method) is not null || ServiceShape.InterfaceMembers(method).Any(m => symbols.FindCached(m) is not null);

    private static IEnumerable<IMethodSymbol> MethodsOf(INamedTypeSymbol type)
    {
        var types = type.TypeKind == TypeKind.Interface ? new[] { type }.Concat(type.AllInterfaces) : new[] { type };
        return types.SelectMany(t => t.GetMembers()).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary);
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
