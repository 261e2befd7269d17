using System.Collections.Generic;
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

namespace Cached.Analyzers.CodeFixes;

/// <summary>
/// CACHE001: adds <c>[InvalidatesCache(...)]</c> to the write, or extends the one it has, with the tags and
/// <c>Methods</c> entries the analyzer planned (<see cref="InvalidationPlan"/>). The analyzer offers a plan only when it
/// covers every stale cached method with placeholders that resolve, so the fixed write compiles and is not reported.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InvalidatesCacheCodeFixProvider))]
[Shared]
public sealed class InvalidatesCacheCodeFixProvider : CodeFixProvider
{
    private const string AttributeName = "InvalidatesCache";
    private const string AttributeMetadataName = "Cached.InvalidatesCacheAttribute";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.WriteWithoutInvalidationId);

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
            if (InvalidationPlan.FromProperties(diagnostic.Properties) is not { } plan ||
                root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            var what = string.Join(", ", plan.Tags.Select(t => "\"" + t + "\"").Concat(plan.Methods.Select(m => $"nameof({m})")));
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Invalidate {what}",
                    cancellationToken => FixAsync(context.Document, method, plan, cancellationToken),
                    equivalenceKey: DiagnosticDescriptors.WriteWithoutInvalidationId),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, MethodDeclarationSyntax method, InvalidationPlan plan, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var attributeType = model.Compilation.GetTypeByMetadataName(AttributeMetadataName);
        var existing = method.AttributeLists
            .SelectMany(list => list.Attributes)
            .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(a, cancellationToken).Type, attributeType) ||
                                 SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(a, cancellationToken).Symbol?.ContainingType, attributeType));

        SyntaxNode newRoot;
        if (existing is not null)
        {
            newRoot = root.ReplaceNode(existing, Extend(existing, plan));
        }
        else
        {
            newRoot = root.ReplaceNode(method, AddAttribute(method, plan, EndOfLine(root)));
            if (!IsInScope(model, method.SpanStart, attributeType) && newRoot is CompilationUnitSyntax unit)
            {
                newRoot = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName("Cached"))
                    .WithTrailingTrivia(EndOfLine(root)));
            }
        }

        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>A new <c>[InvalidatesCache(...)]</c> line above the method, indented like it.</summary>
    private static MethodDeclarationSyntax AddAttribute(MethodDeclarationSyntax method, InvalidationPlan plan, SyntaxTrivia endOfLine)
    {
        var arguments = plan.Tags.Select(Literal).ToList();
        if (plan.Methods.Count > 0)
        {
            arguments.Add("Methods = " + NameofList(plan.Methods));
        }

        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.IdentifierName(AttributeName),
            SyntaxFactory.ParseAttributeArgumentList("(" + string.Join(", ", arguments) + ")"));
        var leading = method.GetLeadingTrivia();
        var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute)).WithTrailingTrivia(endOfLine);

        if (method.AttributeLists.Count == 0)
        {
            // The method's own leading trivia (blank lines, comments) moves above the attribute.
            return method.WithoutLeadingTrivia()
                .WithLeadingTrivia(indentation)
                .WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading)));
        }

        return method.WithAttributeLists(method.AttributeLists.Add(list.WithLeadingTrivia(indentation)));
    }

    /// <summary>The existing attribute with the planned tags appended to its tags and the planned entries to <c>Methods</c>.</summary>
    private static AttributeSyntax Extend(AttributeSyntax attribute, InvalidationPlan plan)
    {
        var positional = new List<string>();
        var named = new List<string>();
        var hasMethods = false;
        foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
        {
            if (argument.NameEquals is { } name)
            {
                if (name.Name.Identifier.ValueText == "Methods")
                {
                    hasMethods = true;
                    named.Add(plan.Methods.Count == 0 ? argument.ToString() : "Methods = " + AppendToArray(argument.Expression, plan.Methods));
                }
                else
                {
                    named.Add(argument.ToString());
                }
            }
            else
            {
                positional.Add(argument.ToString());
            }
        }

        positional.AddRange(plan.Tags.Select(Literal));
        if (!hasMethods && plan.Methods.Count > 0)
        {
            named.Add("Methods = " + NameofList(plan.Methods));
        }

        return attribute.WithArgumentList(
            SyntaxFactory.ParseAttributeArgumentList("(" + string.Join(", ", positional.Concat(named)) + ")"));
    }

    /// <summary>An array written as <c>[a]</c>, <c>new[] { a }</c> or <c>new string[] { a }</c> with more <c>nameof</c> entries.</summary>
    private static string AppendToArray(ExpressionSyntax array, IReadOnlyList<string> methods)
    {
        var added = methods.Select(m => $"nameof({m})");
        if (AttributeSyntaxMap.Elements(array) is { } elements)
        {
            return "[" + string.Join(", ", elements.Select(e => e.ToString()).Concat(added)) + "]";
        }

        // A spread or a constant: keep it and add ours.
        return "[.. " + array + ", " + string.Join(", ", added) + "]";
    }

    private static string NameofList(IReadOnlyList<string> methods) => "[" + string.Join(", ", methods.Select(m => $"nameof({m})")) + "]";

    private static string Literal(string tag) => SyntaxFactory.Literal(tag).Text;

    private static bool IsInScope(SemanticModel model, int position, INamedTypeSymbol? attributeType) =>
        attributeType is not null &&
        model.LookupNamespacesAndTypes(position, name: attributeType.Name).Any(s => SymbolEqualityComparer.Default.Equals(s, attributeType));

    private static SyntaxTrivia EndOfLine(SyntaxNode root) =>
        root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } found && found.IsKind(SyntaxKind.EndOfLineTrivia)
            ? found
            : SyntaxFactory.LineFeed;
}
