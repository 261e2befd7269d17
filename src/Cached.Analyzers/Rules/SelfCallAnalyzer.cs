using System.Collections.Immutable;
using Cached.Analyzers.Diagnostics;
using Cached.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Cached.Analyzers.Rules;

/// <summary>
/// CACHE011: a class calls one of its own <c>[Cached]</c> methods on <c>this</c> (implicitly, explicitly, or through a
/// cast to its interface): the call goes straight to the method, not through the decorator, so it is never cached.
/// A partial <c>[Cached]</c> method is cached for every caller and is not reported; nor is a method no decorator can
/// wrap (CACHE004 says so already).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SelfCallAnalyzer : CachedAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SelfCall);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, CachedSymbols symbols) =>
        context.RegisterOperationAction(operation => Analyze(operation, symbols), OperationKind.Invocation);

    private static void Analyze(OperationAnalysisContext context, CachedSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var caller = context.ContainingSymbol as IMethodSymbol;
        while (caller is { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } && caller.ContainingSymbol is IMethodSymbol outer)
        {
            caller = outer;
        }

        if (invocation.Instance is not { } instance || Unwrap(instance) is not IInstanceReferenceOperation ||
            caller?.ContainingType is not { } type)
        {
            return;
        }

        // ((ICatalog)this).GetAsync() reaches this class's own implementation just the same.
        var target = invocation.TargetMethod;
        if (target.ContainingType.TypeKind == TypeKind.Interface && type.FindImplementationForInterfaceMember(target) is IMethodSymbol implementation)
        {
            target = implementation;
        }

        if (target.IsPartialDefinition || target.PartialImplementationPart is not null || target.PartialDefinitionPart is not null ||
            SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, (caller.PartialDefinitionPart ?? caller).OriginalDefinition) ||
            target.IsStatic || symbols.FindCachedOrInherited(target) is null || !ServiceShape.IsInterfaceMember(target))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.SelfCall,
            invocation.Syntax.GetLocation(),
            caller.AssociatedSymbol?.Name ?? caller.Name,
            target.Name));
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
