namespace Cached.Generator.Model;

/// <summary>What a method returns, which decides how the decorator awaits, caches and evicts.</summary>
internal enum ReturnShape
{
    Void,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,

    /// <summary>A synchronous value.</summary>
    Value,

    /// <summary>A <c>ref</c> or <c>ref readonly</c> return: only ever forwarded.</summary>
    ByRef,
}

/// <summary>A method of the decorated interface; forwarded unless <see cref="Caching"/> or <see cref="Invalidation"/> is set.</summary>
/// <param name="InterfaceType">The interface declaring the member, <c>global::</c>-qualified (explicit implementation).</param>
/// <param name="IsInherited">Declared by a base interface: the inner instance is cast to it before the call.</param>
/// <param name="Name">The method's name.</param>
/// <param name="ReturnType">The declared return type, with nullable annotations (without <c>ref</c>).</param>
/// <param name="Shape">How the method returns.</param>
/// <param name="ResultType">The <c>T</c> of <c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c> or a synchronous <c>T</c>.</param>
/// <param name="ReturnAttributes">Nullability attributes of the return value, as C# attribute text.</param>
internal sealed record MethodSpec(
    string InterfaceType,
    bool IsInherited,
    string Name,
    string ReturnType,
    string ReturnRefKind,
    ReturnShape Shape,
    string? ResultType,
    EquatableArray<string> ReturnAttributes,
    EquatableArray<TypeParameterSpec> TypeParameters,
    EquatableArray<ParameterSpec> Parameters,
    CachingSpec? Caching,
    InvalidationSpec? Invalidation);

/// <summary>A type parameter of a generic interface method.</summary>
/// <param name="Constraint">
/// <c>class</c>, <c>struct</c> or <c>default</c>: the only constraints an explicit implementation may (and, for
/// <c>T?</c> to mean the same thing, must) restate.
/// </param>
internal sealed record TypeParameterSpec(string Name, string Constraint);

/// <summary>A parameter, named as in the method that carries the attributes (their templates use those names).</summary>
/// <param name="Name">The identifier, <c>@</c>-escaped when it is a keyword.</param>
/// <param name="RefKind">The declaration modifier: empty, <c>ref </c>, <c>out </c>, <c>in </c> or <c>ref readonly </c>.</param>
/// <param name="Attributes">Nullability attributes, as C# attribute text.</param>
internal sealed record ParameterSpec(
    string Name,
    string Type,
    string RefKind,
    bool IsParams,
    bool IsCancellationToken,
    EquatableArray<string> Attributes);

/// <summary>A property or indexer of the decorated interface: always forwarded.</summary>
/// <param name="Name">The property's name; <c>this</c> for an indexer.</param>
internal sealed record PropertySpec(
    string InterfaceType,
    bool IsInherited,
    string Name,
    string Type,
    string RefKind,
    bool HasGetter,
    bool HasSetter,
    bool SetterIsInit,
    EquatableArray<string> Attributes,
    EquatableArray<ParameterSpec> Parameters);

/// <summary>An event of the decorated interface: always forwarded.</summary>
internal sealed record EventSpec(string InterfaceType, bool IsInherited, string Name, string Type);
