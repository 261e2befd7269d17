using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Cached.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cached.Analyzers.CodeFixes;

/// <summary>
/// CACHE002: rewrites a duration written the way people speak (<c>"10 min"</c>) to its canonical form (<c>"10m"</c>).
/// The analyzer decides whether there is an obvious intent and passes the canonical form in the diagnostic's
/// properties; without it no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DurationCodeFixProvider))]
[Shared]
public sealed class DurationCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.BadDurationId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticDescriptors.SuggestedDurationProperty, out var suggestion) ||
                suggestion is null ||
                root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal ||
                !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Write the duration as \"{suggestion}\"",
                    cancellationToken => ReplaceAsync(context.Document, literal, suggestion, cancellationToken),
                    equivalenceKey: DiagnosticDescriptors.BadDurationId),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(
        Document document, LiteralExpressionSyntax literal, string duration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(duration))
            .WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }
}
