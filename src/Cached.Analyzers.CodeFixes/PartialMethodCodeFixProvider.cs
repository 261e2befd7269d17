using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace Cached.Analyzers.CodeFixes;

/// <summary>
/// CACHE011: converts the <c>[Cached]</c> method a class calls on itself to partial-method mode, so that every call,
/// the class's own included, goes through the cache: the type (and the types containing it) become <c>partial</c>, the
/// body moves to <c>{Method}Core</c>, the attributes stay on a <c>partial</c> declaration the generator implements,
/// and the type gets a <c>HybridCache</c> if it has none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PartialMethodCodeFixProvider))]
[Shared]
public sealed class PartialMethodCodeFixProvider : CodeFixProvider
{
    private const string HybridCacheMetadataName = HybridCacheMember.Namespace + ".HybridCache";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SelfCallId);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var invocation = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            if (invocation is null || Target(model, invocation, context.CancellationToken) is not { } target ||
                target.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not MethodDeclarationSyntax
                {
                    ExplicitInterfaceSpecifier: null, Parent: TypeDeclarationSyntax,
                } declaration ||
                context.Document.Project.Solution.GetDocument(declaration.SyntaxTree) is not { } document)
            {
                continue;
            }

            var hasCache = PartialMode.HasHybridCache(target.ContainingType, model.Compilation.GetTypeByMetadataName(HybridCacheMetadataName));
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{target.Name}' a partial [Cached] method with its body in '{target.Name}{PartialMode.CoreSuffix}'",
                    cancellationToken => ConvertAsync(document, declaration, hasCache, cancellationToken),
                    equivalenceKey: DiagnosticDescriptors.SelfCallId),
                diagnostic);
        }
    }

    /// <summary>The cached method called, resolved through a cast to the interface as the analyzer resolves it.</summary>
    private static IMethodSymbol? Target(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation ||
            model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken)?.ContainingType is not { } type)
        {
            return null;
        }

        var target = operation.TargetMethod;
        return target.ContainingType.TypeKind == TypeKind.Interface
            ? type.FindImplementationForInterfaceMember(target) as IMethodSymbol
            : target;
    }

    private static async Task<Document> ConvertAsync(Document document, MethodDeclarationSyntax method, bool hasCache, CancellationToken cancellationToken)
    {
        if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root ||
            method.Parent is not TypeDeclarationSyntax type)
        {
            return document;
        }

        var converted = type.ReplaceNode(method, new SyntaxNode[] { Definition(method), Core(method) });
        if (!hasCache)
        {
            converted = HybridCacheMember.AddTo(converted);
        }

        var marker = new SyntaxAnnotation();
        var updated = root.ReplaceNode(type, converted.WithAdditionalAnnotations(marker));
        var types = updated.GetAnnotatedNodes(marker).Single().AncestorsAndSelf().OfType<TypeDeclarationSyntax>();
        updated = updated.ReplaceNodes(types, (_, rewritten) => MakePartial(rewritten));
        return document.WithSyntaxRoot(hasCache ? updated : HybridCacheMember.AddUsing(updated));
    }

    /// <summary>The declaration the generator implements: the method's attributes and signature, no body.</summary>
    private static MethodDeclarationSyntax Definition(MethodDeclarationSyntax method)
    {
        var modifiers = SyntaxFactory.TokenList(method.Modifiers.Where(m => !m.IsKind(SyntaxKind.AsyncKeyword)))
            .Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword));
        var trailing = (method.Body?.CloseBraceToken ?? method.SemicolonToken).TrailingTrivia;
        return method
            .WithModifiers(modifiers)
            .WithBody(null)
            .WithExpressionBody(null)
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(trailing))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>The user's body, renamed <c>{Method}Core</c>: private, without the attributes.</summary>
    private static MethodDeclarationSyntax Core(MethodDeclarationSyntax method)
    {
        var kept = method.Modifiers.Where(m => m.IsKind(SyntaxKind.AsyncKeyword) || m.IsKind(SyntaxKind.UnsafeKeyword));
        var modifiers = SyntaxFactory.TokenList(new[] { SyntaxFactory.Token(SyntaxKind.PrivateKeyword) }.Concat(kept.Select(m => m.WithoutTrivia())));
        return method
            .WithAttributeLists(default)
            .WithModifiers(modifiers)
            .WithIdentifier(SyntaxFactory.Identifier(method.Identifier.ValueText + PartialMode.CoreSuffix))
            .WithLeadingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.ElasticMarker)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static TypeDeclarationSyntax MakePartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return type;
        }

        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (type.Modifiers.Count > 0)
        {
            return type.WithModifiers(type.Modifiers.Add(partial));
        }

        var keyword = type.Keyword;
        return type
            .ReplaceToken(keyword, keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
