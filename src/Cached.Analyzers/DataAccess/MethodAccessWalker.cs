using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Cached.Analyzers.DataAccess;

/// <summary>
/// Walks the operations of one method body once and records its <see cref="MethodAccess"/>. Lambdas and local functions
/// are part of the body they are written in.
/// </summary>
/// <remarks>
/// An entity counts as tracked when it was loaded from the context (a query over a <c>DbSet&lt;T&gt;</c>,
/// <c>Set&lt;T&gt;()</c> or <c>Find</c> without <c>AsNoTracking</c>), or reached from such an entity (a navigation, an
/// element, a loop variable, a lambda parameter over a tracked collection). Locals are followed in the order the walk
/// meets them, which is the order of the source.
/// </remarks>
internal sealed class MethodAccessWalker : OperationWalker
{
    private static readonly ImmutableHashSet<string> TrackingChanges = ImmutableHashSet.Create(
        "Add", "AddAsync", "AddRange", "AddRangeAsync", "Update", "UpdateRange", "Remove", "RemoveRange", "Attach", "AttachRange");

    private static readonly ImmutableHashSet<string> BulkWrites = ImmutableHashSet.Create(
        "ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync");

    private static readonly ImmutableHashSet<string> RawSql = ImmutableHashSet.Create(
        "FromSql", "FromSqlRaw", "FromSqlInterpolated", "SqlQuery", "SqlQueryRaw",
        "ExecuteSql", "ExecuteSqlAsync", "ExecuteSqlRaw", "ExecuteSqlRawAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync");

    private static readonly ImmutableHashSet<string> CollectionChanges = ImmutableHashSet.Create(
        "Add", "AddRange", "Insert", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "Clear");

    private static readonly ImmutableHashSet<string> SqlParameterNames = ImmutableHashSet.Create("sql", "cmdText", "commandText");

    private readonly DataAccessSymbols _data;
    private readonly MethodAccess _access;
    private readonly INamedTypeSymbol? _owner;
    private readonly Dictionary<ISymbol, ITypeSymbol> _tracked = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, IOperation> _locals = new(SymbolEqualityComparer.Default);

    private MethodAccessWalker(DataAccessSymbols data, IMethodSymbol method)
    {
        _data = data;
        _access = new MethodAccess(method);
        _owner = method.ContainingType;
    }

    public static MethodAccess Walk(DataAccessSymbols data, IMethodSymbol method, ImmutableArray<IOperation> blocks)
    {
        var walker = new MethodAccessWalker(data, method);
        foreach (var block in blocks)
        {
            walker.Visit(block);
        }

        return walker._access;
    }

    public override void VisitPropertyReference(IPropertyReferenceOperation operation)
    {
        var property = operation.Property;
        if (_data.DbSetEntity(property.Type) is { } entity)
        {
            _access.Reads.Add(DataItem.ForEntity(entity));
            _access.Entities.Add(entity);
            if (_data.IsDbContext(property.ContainingType))
            {
                _access.Contexts.Add(property.ContainingType);
            }
        }
        else if (NavigationTarget(property.Type) is { } target)
        {
            _access.Navigations.Add(target);
        }

        if (!property.IsStatic && !property.IsIndexer && property.ContainingType is { TypeKind: TypeKind.Class } declaring && !IsFramework(declaring))
        {
            var key = declaring.OriginalDefinition;
            if (!_access.PropertyReads.TryGetValue(key, out var names))
            {
                _access.PropertyReads[key] = names = new HashSet<string>();
            }

            names.Add(property.Name);
        }

        if (property.GetMethod is { } getter && !property.IsIndexer)
        {
            RecordCall(getter, operation.Instance, ImmutableArray<IArgumentOperation>.Empty);
        }

        base.VisitPropertyReference(operation);
    }

    public override void VisitInvocation(IInvocationOperation operation)
    {
        var method = operation.TargetMethod;
        if (method.Name is "SaveChanges" or "SaveChangesAsync" && _data.IsDbContext(method.ContainingType))
        {
            _access.SavesChanges = true;
        }
        else if (DataAccessSymbols.IsEfCore(method))
        {
            VisitEfCore(operation, method);
        }
        else if (_data.IsDapper(method))
        {
            AddSql(Argument(operation, SqlParameterNames));
        }
        else if (_data.IsHybridCache(method.ContainingType) && method.Name.StartsWith("Remove", System.StringComparison.Ordinal))
        {
            var tag = Argument(operation, ImmutableHashSet.Create("tag"));
            _access.ManualInvalidations.Add(tag is null ? null : ConstantText.Of(tag, LocalValue) ?? SqlTables.Hole.ToString());
        }

        if (CollectionChanges.Contains(method.Name) && Receiver(operation) is { } collection && TrackedType(collection) is { } trackedCollection &&
            _data.ElementType(trackedCollection) is { } element)
        {
            _access.PendingChanges.Add(DataItem.ForEntity(element));
        }

        else if (_data.IsCommand(method.ReturnType))
        {
            // A command factory: DbDataSource.CreateCommand(sql), DbBatch... with the text as an argument.
            AddSql(Argument(operation, SqlParameterNames));
        }

        RecordEscapes(method, operation.Arguments);
        TrackLambdaParameters(operation);
        RecordCall(method, operation.Instance, operation.Arguments);
        base.VisitInvocation(operation);
    }

    public override void VisitMethodReference(IMethodReferenceOperation operation)
    {
        RecordCall(operation.Method, operation.Instance, ImmutableArray<IArgumentOperation>.Empty);
        base.VisitMethodReference(operation);
    }

    public override void VisitObjectCreation(IObjectCreationOperation operation)
    {
        if (operation.Constructor is { } constructor &&
            (_data.IsCommand(constructor.ContainingType) ||
             SymbolEqualityComparer.Default.Equals(constructor.ContainingType, _data.CommandDefinition)))
        {
            AddSql(Argument(operation.Arguments, SqlParameterNames));
        }

        if (operation.Constructor is { } created)
        {
            RecordEscapes(created, operation.Arguments);
        }

        base.VisitObjectCreation(operation);
    }

    public override void VisitSimpleAssignment(ISimpleAssignmentOperation operation)
    {
        switch (operation.Target)
        {
            case IPropertyReferenceOperation { Property.Name: "CommandText" } commandText when _data.IsCommand(commandText.Property.ContainingType):
                AddSql(operation.Value);
                break;
            case ILocalReferenceOperation local:
                Assign(local.Local, operation.Value);
                break;
            default:
                RecordChange(operation.Target);
                break;
        }

        base.VisitSimpleAssignment(operation);
    }

    public override void VisitCompoundAssignment(ICompoundAssignmentOperation operation)
    {
        RecordChange(operation.Target);
        base.VisitCompoundAssignment(operation);
    }

    public override void VisitIncrementOrDecrement(IIncrementOrDecrementOperation operation)
    {
        RecordChange(operation.Target);
        base.VisitIncrementOrDecrement(operation);
    }

    public override void VisitVariableDeclarator(IVariableDeclaratorOperation operation)
    {
        base.VisitVariableDeclarator(operation);
        if (operation.GetVariableInitializer() is { } initializer)
        {
            Assign(operation.Symbol, initializer.Value);
        }
    }

    public override void VisitForEachLoop(IForEachLoopOperation operation)
    {
        Visit(operation.Collection);
        if ((IsLoadedFromContext(operation.Collection) || TrackedType(operation.Collection) is not null) &&
            operation.LoopControlVariable is IVariableDeclaratorOperation { Symbol: { } variable })
        {
            _tracked[variable] = variable.Type;
        }

        base.VisitForEachLoop(operation);
    }

    private void VisitEfCore(IInvocationOperation operation, IMethodSymbol method)
    {
        var name = method.Name;
        if (name is "Set" or "Find" or "FindAsync" && method.IsGenericMethod && _data.IsDbContext(method.ContainingType))
        {
            _access.Reads.Add(DataItem.ForEntity(method.TypeArguments[0]));
            _access.Entities.Add(method.TypeArguments[0]);
        }
        else if (name == "Entity" && method.IsGenericMethod && method.ContainingType.Name == "ModelBuilder")
        {
            _access.Entities.Add(method.TypeArguments[0]);
        }
        else if (name == "ToTable" && method.IsGenericMethod &&
                 ConstantText.Of(Argument(operation, ImmutableHashSet.Create("name")), LocalValue) is { Length: > 0 } table)
        {
            _access.TableMappings.Add(new KeyValuePair<ITypeSymbol, string>(method.TypeArguments[0].OriginalDefinition, table));
        }
        else if (BulkWrites.Contains(name) && method.IsGenericMethod)
        {
            _access.DirectWrites.Add(name.StartsWith("ExecuteUpdate", System.StringComparison.Ordinal) && SetColumn(operation) is { } column
                ? DataItem.ForEntity(method.TypeArguments[0], column)
                : DataItem.ForEntity(method.TypeArguments[0]));
        }
        else if (RawSql.Contains(name))
        {
            AddSql(Argument(operation, SqlParameterNames));
        }
        else if (name == "SetValues" && EntryEntity(operation.Instance) is { } entry)
        {
            _access.PendingChanges.Add(DataItem.ForEntity(entry));
        }
        else if (TrackingChanges.Contains(name))
        {
            if (_data.DbSetEntity(operation.Instance?.Type) is { } setEntity)
            {
                _access.PendingChanges.Add(DataItem.ForEntity(setEntity));
            }
            else if (_data.IsDbContext(method.ContainingType))
            {
                if (method.IsGenericMethod)
                {
                    _access.PendingChanges.Add(DataItem.ForEntity(method.TypeArguments[0]));
                }
                else
                {
                    foreach (var argument in operation.Arguments)
                    {
                        AddArgumentEntities(argument.Value);
                    }
                }
            }
        }
    }

    /// <summary>The entities passed to a non-generic <c>DbContext.Add(object)</c>, <c>AddRange(params object[])</c> and the like.</summary>
    private void AddArgumentEntities(IOperation value)
    {
        value = Unwrap(value);
        if (value is IArrayCreationOperation { Initializer: { } initializer })
        {
            foreach (var item in initializer.ElementValues)
            {
                AddArgumentEntities(item);
            }

            return;
        }

        if (value.Type is not { } type || type.SpecialType == SpecialType.System_Object)
        {
            return;
        }

        _access.PendingChanges.Add(DataItem.ForEntity(_data.ElementType(type) is { TypeKind: TypeKind.Class } element ? element : type));
    }

    /// <summary>An assignment to a member of a tracked entity, or to its <c>Entry(...)</c> (state, property values).</summary>
    private void RecordChange(IOperation target)
    {
        var (instance, member) = target switch
        {
            IPropertyReferenceOperation property => (property.Instance, property.Property.Name),
            IFieldReferenceOperation field => (field.Instance, field.Field.Name),
            _ => (null, null),
        };
        if (instance is null)
        {
            return;
        }

        if (EntryEntity(instance) is { } entry)
        {
            // Entry(e).State, Entry(e).Property(...).CurrentValue: the row.
            _access.PendingChanges.Add(DataItem.ForEntity(entry));
        }
        else if (TrackedType(instance) is { } tracked)
        {
            _access.PendingChanges.Add(DataItem.ForEntity(tracked, member));
        }
        else if (RootParameter(instance) is { } parameter && instance.Type is { } changed)
        {
            _access.ParameterChanges.Add(new KeyValuePair<int, DataItem>(parameter.Ordinal, DataItem.ForEntity(changed, member)));
        }
    }

    /// <summary>The parameter a member chain (<c>order.Customer</c>) starts from, or <c>null</c>.</summary>
    private static IParameterSymbol? RootParameter(IOperation operation)
    {
        for (var current = Unwrap(operation); ; )
        {
            switch (current)
            {
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IPropertyReferenceOperation { Instance: { } instance }:
                    current = Unwrap(instance);
                    break;
                case IFieldReferenceOperation { Instance: { } instance }:
                    current = Unwrap(instance);
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>The entity of an <c>Entry(x)</c> call anywhere down the receiver chain of <paramref name="operation"/>.</summary>
    private ITypeSymbol? EntryEntity(IOperation? operation)
    {
        for (var current = operation; current is not null;)
        {
            current = Unwrap(current);
            switch (current)
            {
                case IInvocationOperation { TargetMethod.Name: "Entry" } entry when _data.IsDbContext(entry.TargetMethod.ContainingType):
                    return entry.TargetMethod.IsGenericMethod
                        ? entry.TargetMethod.TypeArguments[0]
                        : entry.Arguments.Length > 0 ? Unwrap(entry.Arguments[0].Value).Type : null;
                case IInvocationOperation invocation:
                    current = Receiver(invocation);
                    break;
                case IPropertyReferenceOperation property:
                    current = property.Instance;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private void Assign(ILocalSymbol local, IOperation value)
    {
        _locals[local] = value;
        if (TrackedType(value) is not null || IsLoadedFromContext(value))
        {
            _tracked[local] = local.Type;
        }
        else
        {
            _tracked.Remove(local);
        }
    }

    /// <summary>Lambda parameters over a tracked collection (<c>tracked.ForEach(p =&gt; p.Price = 0)</c>) are tracked.</summary>
    private void TrackLambdaParameters(IInvocationOperation operation)
    {
        if (Receiver(operation) is not { } source || (TrackedType(source) is null && !IsLoadedFromContext(source)))
        {
            return;
        }

        foreach (var argument in operation.Arguments)
        {
            if (Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                foreach (var parameter in lambda.Symbol.Parameters)
                {
                    _tracked[parameter] = parameter.Type;
                }
            }
        }
    }

    /// <summary>The type of <paramref name="operation"/> when it is a tracked entity or reached from one, else <c>null</c>.</summary>
    private ITypeSymbol? TrackedType(IOperation? operation)
    {
        operation = operation is null ? null : Unwrap(operation);
        switch (operation)
        {
            case ILocalReferenceOperation local when _tracked.ContainsKey(local.Local):
                return local.Type;
            case IParameterReferenceOperation parameter when _tracked.ContainsKey(parameter.Parameter):
                return parameter.Type;
            case IPropertyReferenceOperation property when TrackedType(property.Instance) is not null:
                return property.Type;
            case IFieldReferenceOperation field when TrackedType(field.Instance) is not null:
                return field.Type;
            case IArrayElementReferenceOperation element when TrackedType(element.ArrayReference) is not null:
                return element.Type;
            case IInvocationOperation invocation when TrackedType(Receiver(invocation)) is not null:
                return invocation.Type;
            default:
                return null;
        }
    }

    /// <summary>Whether the value was loaded, with change tracking, from a context.</summary>
    private bool IsLoadedFromContext(IOperation? operation)
    {
        if (operation is null)
        {
            return false;
        }

        var fromContext = false;
        foreach (var node in operation.DescendantsAndSelf())
        {
            switch (node)
            {
                case IPropertyReferenceOperation property when _data.DbSetEntity(property.Property.Type) is not null:
                    fromContext = true;
                    break;
                case IInvocationOperation { TargetMethod.Name: "AsNoTracking" or "AsNoTrackingWithIdentityResolution" }:
                    return false;
                case IInvocationOperation { TargetMethod.Name: "Set" or "Find" or "FindAsync" } invocation
                    when _data.IsDbContext(invocation.TargetMethod.ContainingType):
                    fromContext = true;
                    break;
            }
        }

        return fromContext;
    }

    private void AddSql(IOperation? argument)
    {
        if (ConstantText.Of(argument, LocalValue) is not { } text)
        {
            return;
        }

        var tables = SqlTables.Parse(text);
        foreach (var table in tables.Reads)
        {
            _access.Reads.Add(DataItem.ForTable(table));
        }

        foreach (var table in tables.Writes)
        {
            _access.DirectWrites.Add(DataItem.ForTable(table));
        }
    }

    private void RecordCall(IMethodSymbol method, IOperation? instance, ImmutableArray<IArgumentOperation> arguments)
    {
        var constructed = method.ReducedFrom is not null ? method.ReducedFrom.Construct(method.TypeArguments.ToArray()) : method;
        var target = constructed.OriginalDefinition;
        if (target.ContainingType is not { } type || (target.DeclaringSyntaxReferences.IsEmpty && type.DeclaringSyntaxReferences.IsEmpty))
        {
            return;
        }

        var tracked = ImmutableArray<int>.Empty;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && (TrackedType(argument.Value) is not null || IsLoadedFromContext(argument.Value)))
            {
                tracked = tracked.Add(parameter.Ordinal);
            }
        }

        var typeArguments = TypeArguments(constructed);
        var receiver = instance is null ? null : Unwrap(instance);
        if (receiver is null || receiver is IInstanceReferenceOperation)
        {
            // A call on this object through one of its interfaces still reaches this object's own method, undecorated.
            if (type.TypeKind == TypeKind.Interface && receiver is not null &&
                _owner?.FindImplementationForInterfaceMember(target) is IMethodSymbol own)
            {
                target = own.OriginalDefinition;
            }

            _access.Calls.Add(new MethodCall(target, CallKind.SameObject, tracked, typeArguments));
        }
        else
        {
            _access.Calls.Add(new MethodCall(target, type.TypeKind == TypeKind.Interface ? CallKind.Interface : CallKind.Direct, tracked, typeArguments));
        }
    }

    /// <summary>
    /// Values handed to code outside the compilation that is not a query operator or a collection (a serializer, a
    /// mapper library, <c>Results.Ok(entity)</c>): whatever it reads of them cannot be seen, so every column counts.
    /// </summary>
    private void RecordEscapes(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
    {
        if (!method.DeclaringSyntaxReferences.IsEmpty || IsQueryOrCollection(method.ContainingType))
        {
            return;
        }

        foreach (var argument in arguments)
        {
            if (Unwrap(argument.Value).Type is { } type && type.SpecialType == SpecialType.None && !IsFramework(type))
            {
                _access.Escapes.Add((_data.ElementType(type) ?? type).OriginalDefinition);
            }
            else if (Unwrap(argument.Value).Type is { } generic && _data.ElementType(generic) is { } element && !IsFramework(element))
            {
                _access.Escapes.Add(element.OriginalDefinition);
            }
        }
    }

    /// <summary>The column a bulk update sets, when it sets exactly one (<c>s.SetProperty(p =&gt; p.Price, ...)</c>).</summary>
    private static string? SetColumn(IInvocationOperation operation)
    {
        string? column = null;
        foreach (var node in operation.Arguments.SelectMany(a => a.Value.DescendantsAndSelf()))
        {
            if (node is not IInvocationOperation { TargetMethod.Name: "SetProperty" } setter || setter.Arguments.Length == 0)
            {
                continue;
            }

            var selector = setter.Arguments[setter.Instance is null && setter.TargetMethod.IsExtensionMethod ? 1 : 0].Value;
            var property = selector.DescendantsAndSelf().OfType<IAnonymousFunctionOperation>().FirstOrDefault()?.Body.Operations
                .OfType<IReturnOperation>().FirstOrDefault()?.ReturnedValue;
            if (property is null || Unwrap(property) is not IPropertyReferenceOperation { Property.Name: var name } || column is not null && column != name)
            {
                return null;
            }

            column = name;
        }

        return column;
    }

    private static bool IsQueryOrCollection(INamedTypeSymbol? type)
    {
        var ns = type?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns == "System.Linq" || ns.StartsWith("System.Collections", System.StringComparison.Ordinal) ||
               ns == "System.Threading.Tasks" || ns.StartsWith("Microsoft.EntityFrameworkCore", System.StringComparison.Ordinal) ||
               ns == "System" && type!.Name is "String" or "Math" or "Convert" or "Object" or "Nullable";
    }

    /// <summary>Types of the framework and its extensions, whose properties are never columns of the application's model.</summary>
    private static bool IsFramework(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal) ||
               ns == "Microsoft" || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal);
    }

    private IOperation? LocalValue(ILocalSymbol local) => _locals.TryGetValue(local, out var value) ? value : null;

    /// <summary>The type arguments of a call by the type parameters they stand for, method's and containing types'.</summary>
    private static ImmutableDictionary<ITypeSymbol, ITypeSymbol> TypeArguments(IMethodSymbol method)
    {
        var map = ImmutableDictionary.CreateBuilder<ITypeSymbol, ITypeSymbol>(SymbolEqualityComparer.Default);
        for (var i = 0; i < method.TypeParameters.Length && i < method.TypeArguments.Length; i++)
        {
            if (method.TypeArguments[i] is not ITypeParameterSymbol || !SymbolEqualityComparer.Default.Equals(method.TypeArguments[i], method.TypeParameters[i]))
            {
                map[method.TypeParameters[i]] = method.TypeArguments[i];
            }
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            for (var i = 0; i < type.TypeParameters.Length && i < type.TypeArguments.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(type.TypeArguments[i], type.TypeParameters[i]))
                {
                    map[type.TypeParameters[i]] = type.TypeArguments[i];
                }
            }
        }

        return map.ToImmutable();
    }

    /// <summary>The type a navigation-like property leads to: a class, or the class elements of a collection.</summary>
    private ITypeSymbol? NavigationTarget(ITypeSymbol type)
    {
        var target = _data.ElementType(type) ?? type;
        return target.TypeKind == TypeKind.Class && target.SpecialType == SpecialType.None ? target : null;
    }

    /// <summary>The object a method is called on: its instance, or the first argument of an extension method.</summary>
    private static IOperation? Receiver(IInvocationOperation invocation) =>
        invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

    private static IOperation? Argument(IInvocationOperation invocation, ImmutableHashSet<string> names) => Argument(invocation.Arguments, names);

    private static IOperation? Argument(ImmutableArray<IArgumentOperation> arguments, ImmutableHashSet<string> names)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && names.Contains(parameter.Name) &&
                (parameter.Type.SpecialType == SpecialType.System_String || parameter.Type.Name == "FormattableString"))
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                case IAwaitOperation awaited:
                    operation = awaited.Operation;
                    break;
                default:
                    return operation;
            }
        }
    }
}
