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
/// CACHE001: a write that leaves cached data stale. Each method body is walked once, as the compiler hands it over
/// (<see cref="MethodAccessWalker"/>); at the end of the compilation the bodies are joined through their calls
/// (<see cref="AccessGraph"/>) and every write is compared with every cached read it reaches.
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
        var data = DataAccessSymbols.Create(context.Compilation);
        var bodies = new ConcurrentBag<MethodAccess>();
        var cached = new ConcurrentBag<IMethodSymbol>();

        context.RegisterOperationBlockAction(block =>
        {
            if (block.OwningSymbol is IMethodSymbol method)
            {
                bodies.Add(MethodAccessWalker.Walk(data, method, block.OperationBlocks));
            }
        });
        context.RegisterSymbolAction(
            symbol =>
            {
                if (CachedSymbols.MethodToAnalyze(symbol.Symbol) is { ContainingType.TypeKind: not TypeKind.Interface } method &&
                    symbols.FindCachedOrInherited(method) is not null)
                {
                    cached.Add(method);
                }
            },
            SymbolKind.Method);
        context.RegisterCompilationEndAction(end =>
        {
            // Declaration order, so that messages list the cached methods as the source does.
            var readers = cached.Distinct<IMethodSymbol>(SymbolEqualityComparer.Default)
                .OrderBy(m => m.Locations.FirstOrDefault()?.SourceTree?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start)
                .Select(m => new Reader(symbols, m))
                .ToList();
            if (readers.Count > 0)
            {
                Analyze(end, symbols, new AccessGraph(data, bodies), readers);
            }
        });
    }

    private static void Analyze(CompilationAnalysisContext context, CachedSymbols symbols, AccessGraph graph, List<Reader> readers)
    {
        foreach (var reader in readers)
        {
            reader.Keys = graph.ReadKeys(reader.Method);
        }

        foreach (var write in graph.Methods.OrderBy(m => m.ToDisplayString(), System.StringComparer.Ordinal))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!IsWriteToCheck(symbols, graph, write))
            {
                continue;
            }

            var writes = graph.Writes(write);
            if (writes.Count == 0)
            {
                continue;
            }

            var written = new List<DataItem>();
            var stale = new List<Reader>();
            foreach (var reader in readers)
            {
                var hit = writes.Where(item => graph.KeysOf(item).Any(reader.Keys!.Contains)).ToList();
                if (hit.Count == 0 || Covers(symbols, graph, write, reader))
                {
                    continue;
                }

                stale.Add(reader);
                written.AddRange(hit.Where(item => !written.Contains(item)));
            }

            if (stale.Count > 0)
            {
                Report(context, symbols, write, written, stale);
            }
        }
    }

    /// <summary>Methods whose writes are judged: see the remarks on the class.</summary>
    private static bool IsWriteToCheck(CachedSymbols symbols, AccessGraph graph, IMethodSymbol method)
    {
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation) ||
            method.IsImplicitlyDeclared || method.Name.StartsWith("<", System.StringComparison.Ordinal) ||
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

        return IsDecoratable(method) || !graph.IsCalledDirectly(method);
    }

    private static bool IsDecoratable(IMethodSymbol method) => !method.IsStatic && ServiceShape.IsInterfaceMember(method);

    private static bool Covers(CachedSymbols symbols, AccessGraph graph, IMethodSymbol write, Reader reader)
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
            if (tag is null || reader.Shapes.Any(shape => TagShape.Overlap(TagShape.OfText(tag), shape)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an <c>[InvalidatesCache]</c> evicts the reader: a tag that overlaps one of its tags, or its name in <c>Methods</c>.</summary>
    private static bool Covers(AttributeData? invalidation, INamedTypeSymbol? methodsScope, Reader reader)
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

    private static void Report(CompilationAnalysisContext context, CachedSymbols symbols, IMethodSymbol write, List<DataItem> written, List<Reader> stale)
    {
        var declaration = write.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(context.CancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault();
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (IsDecoratable(write) && declaration is not null && OwnInvalidation(symbols, write, declaration) &&
            InvalidationPlan.For(symbols, write, stale.Select(r => (r.Method, (IReadOnlyList<string>)r.Tags))) is { } plan)
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

    /// <summary>A cached method with its tag templates and their shapes.</summary>
    private sealed class Reader
    {
        public Reader(CachedSymbols symbols, IMethodSymbol method)
        {
            Method = method;
            Tags = Strings(symbols.FindCachedOrInherited(method)!.NamedArguments.FirstOrDefault(a => a.Key == "Tags").Value).ToList();
            Shapes = Tags.Select(TagShape.OfTemplate).OfType<string>().ToList();
        }

        public IMethodSymbol Method { get; }

        public List<string> Tags { get; }

        public List<string> Shapes { get; }

        public HashSet<string>? Keys { get; set; }
    }
}
