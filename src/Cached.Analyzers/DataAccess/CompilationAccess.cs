using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cached.Analyzers.DataAccess;

/// <summary>
/// The per-compilation state of CACHE001: each method body walked at most once (whether the compiler hands it to an
/// operation-block action first or the graph needs it first), and the <see cref="AccessGraph"/> over all of them,
/// built the first time a method that may write asks for it.
/// </summary>
/// <remarks>
/// A write can only be judged against every cached read of the compilation, and an operation-block action cannot wait
/// for the others; so the graph binds the bodies it has not been handed yet itself, once. Reporting from the write's own
/// block keeps the diagnostic local to it: the IDE shows it on the open document and offers the code fix.
/// </remarks>
internal sealed class CompilationAccess
{
    private readonly Compilation _compilation;
    private readonly DataAccessSymbols _data;
    private readonly CachedSymbols _symbols;
    private readonly ConcurrentDictionary<IMethodSymbol, MethodAccess> _walked = new(SymbolEqualityComparer.Default);
    private readonly object _gate = new();
    private AccessGraph? _graph;

    public CompilationAccess(Compilation compilation, DataAccessSymbols data, CachedSymbols symbols)
    {
        _compilation = compilation;
        _data = data;
        _symbols = symbols;
    }

    /// <summary>The access of a body handed over by an operation-block action.</summary>
    public MethodAccess Walk(IMethodSymbol method, ImmutableArray<IOperation> blocks) =>
        _walked.GetOrAdd(AccessGraph.Key(method), _ => MethodAccessWalker.Walk(_data, method, blocks));

    /// <summary>The graph of the whole compilation; built on first use (a cancelled build is not kept).</summary>
    public AccessGraph Graph(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _graph ??= Build(cancellationToken);
        }
    }

    private AccessGraph Build(CancellationToken cancellationToken)
    {
        var readers = new List<IMethodSymbol>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var root = tree.GetRoot(cancellationToken);
            if (IsGenerated(tree, root))
            {
                continue;
            }

#pragma warning disable RS1030 // One model per tree, once per compilation: the bodies the compiler has not handed over yet are needed to judge any write.
            var model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            foreach (var (declaration, body) in Bodies(root))
            {
                var declared = declaration is CompilationUnitSyntax unit
                    ? model.GetEnclosingSymbol(unit.Members[0].SpanStart, cancellationToken)
                    : model.GetDeclaredSymbol(declaration, cancellationToken);
                if (declared is null)
                {
                    continue;
                }

                var method = declared as IMethodSymbol ?? (declared as IPropertySymbol)?.GetMethod;
                if (method is null)
                {
                    continue;
                }

                if (declaration is MethodDeclarationSyntax && method.ContainingType?.TypeKind is TypeKind.Class or TypeKind.Struct &&
                    method.PartialDefinitionPart is null && _symbols.FindCachedOrInherited(method) is not null)
                {
                    readers.Add(method);
                }

                if (body is not null && !_walked.ContainsKey(AccessGraph.Key(method)) && model.GetOperation(body, cancellationToken) is { } operation)
                {
                    _walked.TryAdd(AccessGraph.Key(method), MethodAccessWalker.Walk(_data, method, ImmutableArray.Create(operation)));
                }
            }
        }

        return new AccessGraph(_data, _symbols, _walked.Values, readers);
    }

    /// <summary>Member declarations with the node whose operation is their body (<c>null</c> for a declaration without one).</summary>
    private static IEnumerable<(SyntaxNode Declaration, SyntaxNode? Body)> Bodies(SyntaxNode root)
    {
        // Top-level statements are the body of the program's entry point.
        if (root is CompilationUnitSyntax unit && unit.Members.Count > 0 && unit.Members[0] is GlobalStatementSyntax)
        {
            yield return (unit, unit);
        }

        foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or
                                                             BasePropertyDeclarationSyntax or AccessorListSyntax))
        {
            switch (node)
            {
                case BaseMethodDeclarationSyntax method:
                    yield return (method, method.Body is null && method.ExpressionBody is null ? null : method);
                    break;
                case AccessorDeclarationSyntax accessor when accessor.Body is not null || accessor.ExpressionBody is not null:
                    yield return (accessor, accessor);
                    break;
                case PropertyDeclarationSyntax { ExpressionBody: { } arrow } property:
                    yield return (property, arrow);
                    break;
            }
        }
    }

    private static bool IsGenerated(SyntaxTree tree, SyntaxNode root)
    {
        var path = tree.FilePath;
        if (path.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase) ||
            path.EndsWith(".generated.cs", System.StringComparison.OrdinalIgnoreCase) ||
            path.EndsWith(".designer.cs", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var trivia in root.GetLeadingTrivia())
        {
            if ((trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)) &&
                trivia.ToString().IndexOf("<auto-generated", System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
