using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Cached.Analyzers.Model;

/// <summary>
/// Maps the values of an <see cref="AttributeData"/> back to the syntax that wrote them, so that a diagnostic points at
/// the argument, the array element, or the placeholder inside a string literal rather than at the whole attribute.
/// </summary>
/// <remarks>
/// Values are always read from <see cref="AttributeData"/> (the compiler has folded constants and <c>nameof</c>);
/// syntax is only used for locations. Whenever the syntax does not line up with the values (a constant, a spread),
/// the location falls back to the enclosing expression, never to a wrong span.
/// </remarks>
internal sealed class AttributeSyntaxMap
{
    private readonly AttributeSyntax _syntax;

    private AttributeSyntaxMap(AttributeSyntax syntax) => _syntax = syntax;

    /// <summary>The attribute's location (its name and arguments).</summary>
    public Location Location => _syntax.GetLocation();

    /// <summary>The attribute itself, for a diagnostic with no more precise place.</summary>
    public AttributeSyntax Attribute => _syntax;

    /// <summary>The method the attribute is applied to, when it is written on one.</summary>
    public MethodDeclarationSyntax? Method => _syntax.Parent?.Parent as MethodDeclarationSyntax;

    public static AttributeSyntaxMap? For(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax
            ? new AttributeSyntaxMap(syntax)
            : null;

    /// <summary>The expression of the named argument <c>name = expression</c>, or <c>null</c>.</summary>
    public ExpressionSyntax? NamedArgument(string name)
    {
        if (_syntax.ArgumentList is null)
        {
            return null;
        }

        foreach (var argument in _syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name)
            {
                return argument.Expression;
            }
        }

        return null;
    }

    /// <summary>
    /// The expressions that wrote the elements of the <c>params</c> array of the constructor, one per value, or
    /// <c>null</c> when they cannot be lined up with <paramref name="count"/> values.
    /// </summary>
    public IReadOnlyList<ExpressionSyntax>? ParamsElements(int count)
    {
        var positional = new List<ExpressionSyntax>();
        if (_syntax.ArgumentList is not null)
        {
            foreach (var argument in _syntax.ArgumentList.Arguments)
            {
                if (argument.NameEquals is null)
                {
                    positional.Add(argument.Expression);
                }
            }
        }

        if (positional.Count == 1 && Elements(positional[0]) is { } elements)
        {
            return elements.Count == count ? elements : null;
        }

        return positional.Count == count ? positional : null;
    }

    /// <summary>
    /// The element expressions of an array written as <c>[a, b]</c>, <c>new[] { a, b }</c> or
    /// <c>new string[] { a, b }</c>, or <c>null</c> (a spread, or not an array literal).
    /// </summary>
    public static IReadOnlyList<ExpressionSyntax>? Elements(ExpressionSyntax? expression)
    {
        switch (expression)
        {
            case CollectionExpressionSyntax collection:
                var elements = new List<ExpressionSyntax>(collection.Elements.Count);
                foreach (var element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax item)
                    {
                        return null;
                    }

                    elements.Add(item.Expression);
                }

                return elements;
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                return implicitArray.Initializer.Expressions;
            case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                return initializer.Expressions;
            default:
                return null;
        }
    }

    /// <summary>
    /// The element of <paramref name="elements"/> at <paramref name="index"/>, or <paramref name="fallback"/> when the
    /// syntax did not line up with the values.
    /// </summary>
    public static ExpressionSyntax? ElementOrFallback(IReadOnlyList<ExpressionSyntax>? elements, int index, ExpressionSyntax? fallback) =>
        elements is not null && index < elements.Count ? elements[index] : fallback;

    /// <summary>
    /// The location of the characters <paramref name="start"/>..+<paramref name="length"/> of <paramref name="value"/>
    /// when <paramref name="expression"/> is a string literal that spells <paramref name="value"/> without escapes
    /// (regular, verbatim or single-line raw); otherwise the whole expression.
    /// </summary>
    public static Location Within(ExpressionSyntax expression, string value, int start, int length)
    {
        if (expression is LiteralExpressionSyntax literal && ContentStart(literal.Token, value) is { } contentStart &&
            start >= 0 && length >= 0 && start + length <= value.Length)
        {
            return Location.Create(expression.SyntaxTree, new TextSpan(literal.Token.SpanStart + contentStart + start, length));
        }

        return expression.GetLocation();
    }

    private static int? ContentStart(SyntaxToken token, string value)
    {
        var text = token.Text;
        int open;
        int close;
        if (token.IsKind(SyntaxKind.StringLiteralToken))
        {
            open = text.StartsWith("@", System.StringComparison.Ordinal) ? 2 : 1;
            close = 1;
        }
        else if (token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
        {
            open = 0;
            while (open < text.Length && text[open] == '"')
            {
                open++;
            }

            close = open;
        }
        else
        {
            return null;
        }

        var contentLength = text.Length - open - close;
        return contentLength == value.Length && string.CompareOrdinal(text, open, value, 0, value.Length) == 0
            ? open
            : null;
    }
}
