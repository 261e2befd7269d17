using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Cached.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cached.Analyzers.CodeFixes;

/// <summary>CACHE013: adds the <c>HybridCache</c> a partial type's generated methods cache through.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HybridCacheCodeFixProvider))]
[Shared]
public sealed class HybridCacheCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingHybridCacheId);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not TypeDeclarationSyntax type)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add a HybridCache to '{type.Identifier.ValueText}'",
                    cancellationToken => AddAsync(context.Document, type, cancellationToken),
                    equivalenceKey: DiagnosticDescriptors.MissingHybridCacheId),
                diagnostic);
        }
    }

    private static async Task<Document> AddAsync(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root)
        {
            return document;
        }

        var updated = root.ReplaceNode(type, HybridCacheMember.AddTo(type));
        return document.WithSyntaxRoot(HybridCacheMember.AddUsing(updated));
    }
}
