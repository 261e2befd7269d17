using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Cached.Analyzers.DataAccess;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE001: a write that leaves cached data stale. Each method body is walked once (<see cref="MethodAccessWalker"/>);
/// the bodies are joined through their calls (<see cref="AccessGraph"/>, built once per compilation by
/// <see cref="CompilationAccess"/>), and each write is compared, in its own operation block, with every cached read it
/// reaches.
/// </summary>
/// <remarks>
/// A write is reported where an <c>[InvalidatesCache]</c> would take effect: on a method a decorator wraps (an interface
/// member), or on a method nothing else in the compilation calls (an endpoint, a job). A helper's writes are reported
/// at the decorated methods that run it. A cached method is covered by a tag template whose shape overlaps one of its
/// own, by its name in <c>Methods</c>, by the invalidation of a decorated method the write calls, or by a tag removed by
/// hand through <c>HybridCache</c>.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WriteWithoutInvalidationAnalyzer : CachedAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.WriteWithoutInvalidation);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, CachedSymbols symbols)
    {
        var access = new CompilationAccess(context.Compilation, DataAccessSymbols.Create(context.Compilation), symbols);
        context.RegisterOperationBlockAction(block =>
        {
            if (block.OwningSymbol is IMethodSymbol method && IsCandidate(symbols, method))
            {
                Analyze(block, symbols, access, method);
            }
        });
    }

    private static void Analyze(OperationBlockAnalysisContext context, CachedSymbols symbols, CompilationAccess access, IMethodSymbol write)
    {
        // A body that writes nothing and calls nothing of the compilation cannot write: no need for the graph.
        var own = access.Walk(write, context.OperationBlocks);
        if (own.DirectWrites.Count == 0 && own.PendingChanges.Count == 0 && !own.SavesChanges && own.Calls.Count == 0)
        {
            return;
        }

        var graph = access.Graph(context.CancellationToken);
        if (graph.Readers.Count == 0 || (!IsDecoratable(write) && graph.IsCalledDirectly(write)))
        {
            return;
        }

        var writes = graph.Writes(write);
        if (writes.Count == 0)
        {
            return;
        }

        var written = new List<DataItem>();
        var stale = new List<CachedReader>();
        foreach (var reader in graph.Readers)
        {
            var hit = writes.Where(item => graph.Reaches(item, reader)).ToList();
            if (hit.Count == 0 || SymbolEqualityComparer.Default.Equals(AccessGraph.Key(reader.Method), AccessGraph.Key(write)) ||
                Covers(symbols, graph, write, reader))
            {
                continue;
            }

            stale.Add(reader);
            written.AddRange(hit);
        }

        if (stale.Count > 0)
        {
            Report(context, symbols, write, written, stale);
        }
    }

    /// <summary>Methods whose writes are judged (see the remarks on the class), as far as the method alone tells.</summary>
    private static bool IsCandidate(CachedSymbols symbols, IMethodSymbol method)
    {
        // A program's entry point runs at startup (seeding, migrations), before anything is cached.
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation) ||
            method.IsImplicitlyDeclared || method.Name.StartsWith("<", System.StringComparison.Ordinal) ||
            method is { IsStatic: true, Name: "Main" } ||
            method.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct } type ||
            (method.DeclaredAccessibility == Accessibility.Private && method.MethodKind != MethodKind.ExplicitInterfaceImplementation) ||
            symbols.FindCachedOrInherited(method) is not null)
        {
            return false;
        }

        // The body of a partial [Cached] method written by hand (GetAsyncCore) is a read.
        if (method.Name.EndsWith("Core", System.StringComparison.Ordinal) &&
            type.GetMembers(method.Name.Substring(0, method.Name.Length - 4)).OfType<IMethodSymbol>().Any(m => symbols.FindCached(m) is not null))
        {
            return false;
        }

        return true;
    }

    private static bool IsDecoratable(IMethodSymbol method) => !method.IsStatic && ServiceShape.IsInterfaceMember(method);

    private static bool Covers(CachedSymbols symbols, AccessGraph graph, IMethodSymbol write, CachedReader reader)
    {
        if (Covers(symbols.FindInvalidatesCacheOrInherited(write), write.ContainingType, reader))
        {
            return true;
        }

        foreach (var callee in graph.DecoratedCallees(write))
        {
            if (Covers(symbols.FindInvalidatesCacheOrInherited(callee), reader.Method.ContainingType, reader))
            {
                return true;
            }
        }

        foreach (var tag in graph.ManualInvalidations(write))
        {
            if (tag is null || reader.Shapes.Any(shape => TagShape.Overlap(tag, shape)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an <c>[InvalidatesCache]</c> evicts the reader: a tag that overlaps one of its tags, or its name in <c>Methods</c>.</summary>
    private static bool Covers(AttributeData? invalidation, INamedTypeSymbol? methodsScope, CachedReader reader)
    {
        if (invalidation is null)
        {
            return false;
        }

        foreach (var tag in Strings(invalidation.ConstructorArguments.FirstOrDefault()))
        {
            if (TagShape.OfTemplate(tag) is { } shape && reader.Shapes.Any(readerShape => TagShape.Overlap(shape, readerShape)))
            {
                return true;
            }
        }

        return SymbolEqualityComparer.Default.Equals(methodsScope, reader.Method.ContainingType) &&
               Strings(invalidation.NamedArguments.FirstOrDefault(a => a.Key == "Methods").Value).Contains(reader.Method.Name);
    }

    private static void Report(OperationBlockAnalysisContext context, CachedSymbols symbols, IMethodSymbol write, List<DataItem> written, List<CachedReader> stale)
    {
        var declaration = write.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(context.CancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault();
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (IsDecoratable(write) && declaration is not null && OwnInvalidation(symbols, write, declaration) &&
            InvalidationPlan.For(symbols, write, stale.Select(r => (r.Method, r.Tags))) is { } plan)
        {
            properties = properties.AddRange(plan.ToProperties());
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.WriteWithoutInvalidation,
            ServiceShape.NameLocation(write, declaration),
            properties,
            write.Name,
            List(written.Select(item => item.Display).Distinct().OrderBy(d => d, System.StringComparer.Ordinal)),
            List(stale.Select(r => $"'{r.Method.ContainingType.Name}.{r.Method.Name}'"))));
    }

    /// <summary>Whether the fix may edit the write's own declaration: it has no <c>[InvalidatesCache]</c>, or has it right there.</summary>
    private static bool OwnInvalidation(CachedSymbols symbols, IMethodSymbol write, MethodDeclarationSyntax declaration) =>
        symbols.FindInvalidatesCacheOrInherited(write) is not { } attribute ||
        attribute.ApplicationSyntaxReference is { } reference && declaration.Span.Contains(reference.Span) && reference.SyntaxTree == declaration.SyntaxTree;

    private static IEnumerable<string> Strings(TypedConstant array) =>
        array.Kind == TypedConstantKind.Array && !array.IsNull
            ? array.Values.Select(v => v.Value).OfType<string>()
            : Enumerable.Empty<string>();

    private static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[list.Count - 1];
    }
}
