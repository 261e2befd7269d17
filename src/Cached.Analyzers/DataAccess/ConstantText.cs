using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Cached.Analyzers.DataAccess;

/// <summary>
/// The text a string expression evaluates to as far as the compiler can tell: constants, interpolations and
/// concatenations (each non-constant piece becomes <see cref="SqlTables.Hole"/>), locals assigned once in the method,
/// and <c>static readonly</c> fields initialized with a literal. Anything else has no known text.
/// </summary>
internal static class ConstantText
{
    private const int MaxDepth = 8;

    /// <param name="operation">The expression.</param>
    /// <param name="localValue">The value last assigned to a local of the method being walked, when known.</param>
    public static string? Of(IOperation? operation, Func<ILocalSymbol, IOperation?> localValue) => Of(operation, localValue, 0);

    private static string? Of(IOperation? operation, Func<ILocalSymbol, IOperation?> localValue, int depth)
    {
        if (operation is null || depth > MaxDepth)
        {
            return null;
        }

        if (operation.ConstantValue is { HasValue: true, Value: string constant })
        {
            return constant;
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                return Of(conversion.Operand, localValue, depth + 1);
            case IParenthesizedOperation parenthesized:
                return Of(parenthesized.Operand, localValue, depth + 1);
            case IInterpolatedStringOperation interpolated:
                var text = new StringBuilder();
                foreach (var part in interpolated.Parts)
                {
                    text.Append(part switch
                    {
                        IInterpolatedStringTextOperation literal => Of(literal.Text, localValue, depth + 1) ?? string.Empty,
                        IInterpolationOperation hole => Of(hole.Expression, localValue, depth + 1) ?? SqlTables.Hole.ToString(),
                        _ => SqlTables.Hole.ToString(),
                    });
                }

                return text.ToString();
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                return (Of(concatenation.LeftOperand, localValue, depth + 1) ?? SqlTables.Hole.ToString()) +
                       (Of(concatenation.RightOperand, localValue, depth + 1) ?? SqlTables.Hole.ToString());
            case ILocalReferenceOperation local:
                return Of(localValue(local.Local), localValue, depth + 1);
            case IFieldReferenceOperation { Field: { IsReadOnly: true, IsStatic: true } field }:
                return ReadOnlyFieldLiteral(field);
            default:
                return null;
        }
    }

    /// <summary>The literal a <c>static readonly string</c> field is initialized with, read from its declaration.</summary>
    private static string? ReadOnlyFieldLiteral(IFieldSymbol field)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal } &&
                literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return literal.Token.ValueText;
            }
        }

        return null;
    }
}
