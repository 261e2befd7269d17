using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
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

        foreach (var (name, location) in MethodsEntries.Of(attribute, context.CancellationToken))
        {
            if (Problem(symbols, write, name) is { } problem)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnmatchedInvalidatedMethod, location, name, problem));
            }
        }
    }

    /// <summary>Why <paramref name="name"/> cannot be linked to <paramref name="write"/>, or <c>null</c>.</summary>
    private static string? Problem(CachedSymbols symbols, IMethodSymbol write, string name)
    {
        var type = write.ContainingType;
        var sameName = MethodsEntries.MethodsOf(type).Where(m => m.Name == name).ToList();
        var cached = sameName.Where(m => symbols.FindCachedOrInherited(m) is not null).ToList();
        if (cached.Count == 0)
        {
            var available = MethodsEntries.MethodsOf(type).Where(m => symbols.FindCachedOrInherited(m) is not null).Select(m => m.Name).Distinct().ToList();
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
}
