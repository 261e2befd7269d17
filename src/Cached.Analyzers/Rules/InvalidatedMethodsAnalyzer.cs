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
/// type, not generic, whose key parameters (a <c>Key</c> template's placeholder roots, when it has one) the write can
/// supply, by name and type, so that the generated write can compute the key
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
        var cached = sameName.Where(m => symbols.FindCachedOrInherited(m) is not null).ToList();
        if (cached.Count == 0)
        {
            var available = MethodsOf(type).Where(m => symbols.FindCachedOrInherited(m) is not null).Select(m => m.Name).Distinct().ToList();
            var list = available.Count == 0 ? $"'{type.Name}' has none" : "[Cached] methods: " + string.Join(", ", available);
            return sameName.Count > 0
                ? $"'{name}' of '{type.Name}' is not [Cached]; {list}"
                : $"names no [Cached] method of '{type.Name}'; {list}";
        }

        string? first = null;
        foreach (var target in cached)
        {
            var problem = MethodLink.UnmatchedKeyParameter(symbols, write, target, symbols.FindCachedOrInherited(target)!);
            if (problem is null)
            {
                return null;
            }

            first ??= problem;
        }

        return first;
    }

    private static IEnumerable<IMethodSymbol> MethodsOf(INamedTypeSymbol type)
    {
        var types = type.TypeKind == TypeKind.Interface ? new[] { type }.Concat(type.AllInterfaces) : new[] { type };
        return types.SelectMany(t => t.GetMembers()).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary);
    }
}
