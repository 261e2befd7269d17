using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Cached.Analyzers.CodeFixes;

/// <summary>
/// Gives a partial type the <c>HybridCache</c> its generated partial methods cache through, the way the type allows: a
/// parameter of its primary constructor; a primary constructor, for a class or struct without constructors; otherwise
/// a read-only field, which every constructor takes a parameter for (one chaining to another passes it on), or which a
/// new constructor assigns in a record without constructors.
/// </summary>
internal static class HybridCacheMember
{
    public const string Namespace = "Microsoft.Extensions.Caching.Hybrid";
    private const string TypeName = "HybridCache";

    /// <summary>The type with a <c>HybridCache</c> added.</summary>
    public static TypeDeclarationSyntax AddTo(TypeDeclarationSyntax type)
    {
        var name = UnusedName(type, "cache");
        if (type.ParameterList is { } primary)
        {
            return type.WithParameterList(primary.AddParameters(Parameter(name)));
        }

        var constructors = type.Members.OfType<ConstructorDeclarationSyntax>().Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)).ToList();
        if (constructors.Count == 0 && type is ClassDeclarationSyntax or StructDeclarationSyntax)
        {
            var last = type.TypeParameterList is { } typeParameters ? typeParameters.GetLastToken() : type.Identifier;
            var parameters = SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(Parameter(name)))
                .WithTrailingTrivia(last.TrailingTrivia);
            var withoutTrivia = type.ReplaceToken(last, last.WithTrailingTrivia());
            return withoutTrivia.WithParameterList(parameters);
        }

        var field = "_" + name;
        var declaration = SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(SyntaxFactory.IdentifierName(TypeName))
                    .AddVariables(SyntaxFactory.VariableDeclarator(field)))
            .AddModifiers(SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))
            .WithAdditionalAnnotations(Formatter.Annotation);
        if (constructors.Count == 0)
        {
            // A record without constructors: a positional parameter would add a property to its value and equality.
            var constructor = SyntaxFactory.ConstructorDeclaration(type.Identifier.WithoutTrivia())
                .AddModifiers(SyntaxFactory.Token(SyntaxKind.PublicKeyword))
                .WithBody(SyntaxFactory.Block());
            type = type.WithMembers(type.Members.Insert(0, constructor));
            constructors = type.Members.OfType<ConstructorDeclarationSyntax>().Take(1).ToList();
        }

        var updated = type.ReplaceNodes(constructors, (original, _) => Assign(original, name, field));
        return updated.WithMembers(updated.Members.Insert(0, declaration));
    }

    /// <summary>The compilation unit with <c>using Microsoft.Extensions.Caching.Hybrid;</c>, unless it has it.</summary>
    public static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit)
    {
        var present = unit.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Any(u => u.Name?.ToString() == Namespace && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None));
        return present
            ? unit
            : unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(Namespace)).WithAdditionalAnnotations(Formatter.Annotation));
    }

    private static ParameterSyntax Parameter(string name) =>
        SyntaxFactory.Parameter(SyntaxFactory.Identifier(name)).WithType(SyntaxFactory.IdentifierName(TypeName));

    /// <summary>
    /// Every constructor takes the cache: one that chains to another (<c>: this(...)</c>) passes it on, and the others
    /// assign the field.
    /// </summary>
    private static ConstructorDeclarationSyntax Assign(ConstructorDeclarationSyntax constructor, string parameter, string field)
    {
        var withParameter = constructor
            .WithParameterList(constructor.ParameterList.AddParameters(Parameter(parameter)))
            .WithAdditionalAnnotations(Formatter.Annotation);
        if (constructor.Initializer is { } initializer && initializer.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword))
        {
            return withParameter.WithInitializer(initializer.AddArgumentListArguments(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(parameter))));
        }

        var assignment = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(field), SyntaxFactory.IdentifierName(parameter)));
        var body = constructor.Body ?? SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(constructor.ExpressionBody!.Expression));
        return withParameter
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithBody(body.AddStatements(assignment));
    }

    /// <summary><paramref name="name"/>, or <c>hybridCache</c> when a member or parameter of the type already uses it.</summary>
    private static string UnusedName(TypeDeclarationSyntax type, string name)
    {
        var taken = type.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && (t.ValueText == name || t.ValueText == "_" + name));
        return taken ? "hybridCache" : name;
    }
}
