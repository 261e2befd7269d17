using System.Collections.Immutable;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE014: a <c>Methods</c> entry links a write to a <c>CacheStrategy.WriteThrough</c> method, but the write cannot
/// store its result under that method's key (see <see cref="WriteThroughLink"/>), so the generated write evicts the
/// entry and the next read goes to the database. Entries CACHE006 reports (no linkable overload) are left to it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WriteThroughAnalyzer : CachedAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.WriteThroughEvicts);

    /// <inheritdoc/>
    private protected override void AnalyzeMethod(SymbolAnalysisContext context, CachedSymbols symbols, IMethodSymbol write)
    {
        // The generator forwards such a write untouched (CACHE004 says why): it neither evicts nor stores.
        if (write.ContainingType is null || write.IsGenericMethod || write.ReturnsByRef || write.ReturnsByRefReadonly ||
            symbols.FindInvalidatesCache(write) is not { } attribute)
        {
            return;
        }

        foreach (var (name, location) in MethodsEntries.Of(attribute, context.CancellationToken))
        {
            foreach (var target in MethodsEntries.MethodsOf(write.ContainingType))
            {
                if (target.Name == name && symbols.FindCachedOrInherited(target) is { } cached &&
                    WriteThroughLink.IsWriteThrough(cached) &&
                    MethodLink.UnmatchedKeyParameter(symbols, write, target, cached) is null &&
                    WriteThroughLink.WhyEvicts(symbols, write, target, cached) is { } reason)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WriteThroughEvicts, location, write.Name, target.Name, reason));
                }
            }
        }
    }
}
