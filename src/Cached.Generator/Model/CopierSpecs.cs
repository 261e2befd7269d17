namespace Cached.Generator.Model;

/// <summary>
/// The generated deep copy of a mutable result type: one copy method per type it reaches, the result type's first.
/// Types are named by their code text, which the emitter turns into method names unique within a file.
/// </summary>
/// <param name="Root">The result type, as a key of <paramref name="Types"/>.</param>
/// <param name="Types">Every type the copy copies (not those it shares), each once.</param>
internal sealed record CopierSpec(string Root, EquatableArray<CopyTypeSpec> Types);

/// <summary>How the copy method of one type builds its copy.</summary>
internal enum CopyShape
{
    /// <summary>A class or struct: a constructor call, then an object initializer.</summary>
    Object,

    /// <summary>A single-dimension array.</summary>
    Array,

    /// <summary>A <c>List&lt;T&gt;</c> built from a list, or from a list-like interface (<c>IList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, ...).</summary>
    List,

    /// <summary>A <c>Dictionary&lt;TKey, TValue&gt;</c> built from a dictionary or <c>IDictionary</c>/<c>IReadOnlyDictionary</c>.</summary>
    Dictionary,

    /// <summary>A <c>HashSet&lt;T&gt;</c> of shared elements, built from a set or <c>ISet</c>/<c>IReadOnlySet</c>.</summary>
    Set,

    /// <summary>A <c>Nullable&lt;T&gt;</c> of a struct that is copied.</summary>
    Nullable,
}

/// <summary>The copy method of one type.</summary>
/// <param name="Type">The type as written in code, without a top-level nullable annotation; the key other specs name it by.</param>
/// <param name="Name">A readable stem for the method's name: <c>Basket</c>, <c>ListOfLine</c>.</param>
/// <param name="Shape">How the copy is built.</param>
/// <param name="Creates">
/// What the copy creates: the type itself for an object; the concrete collection for a collection (<c>List&lt;T&gt;</c>
/// behind <c>IList&lt;T&gt;</c>); for an array, the creation expression before its length (<c>new int[</c>).
/// </param>
internal sealed record CopyTypeSpec(string Type, string Name, CopyShape Shape, string Creates)
{
    /// <summary>
    /// For an array, what follows the length in its creation expression: <c>]</c>, or <c>][]</c> for an array of arrays.
    /// </summary>
    public string CreatesSuffix { get; init; } = string.Empty;

    /// <summary>
    /// For a class that is not sealed (or a <c>List</c>, <c>Dictionary</c>, <c>HashSet</c>), the type as <c>typeof</c>
    /// takes it: the value is copied only when its runtime type is exactly that one, else the copy is turned down.
    /// </summary>
    public string? ExactType { get; init; }

    /// <summary>For an object: the constructor's arguments, in order.</summary>
    public EquatableArray<CopyMemberSpec> Arguments { get; init; } = EquatableArray<CopyMemberSpec>.Empty;

    /// <summary>For an object: the members set in the object initializer.</summary>
    public EquatableArray<CopyMemberSpec> Members { get; init; } = EquatableArray<CopyMemberSpec>.Empty;

    /// <summary>For a collection: its elements (a dictionary's values); for a nullable struct: the struct.</summary>
    public CopyValueSpec? Element { get; init; }

    /// <summary>
    /// For a <c>List</c>, <c>Dictionary</c> or <c>HashSet</c> (not an interface): read by index, and the copy keeps the
    /// original's comparer.
    /// </summary>
    public bool FromConcrete { get; init; }
}

/// <summary>A member read from the original and passed to the constructor or set in the initializer.</summary>
/// <param name="Name">The member's identifier, <c>@</c>-escaped when it is a keyword.</param>
internal sealed record CopyMemberSpec(string Name, CopyValueSpec Value);

/// <summary>A member's or element's value: shared as it is, or copied by the copy method of its type.</summary>
/// <param name="CopiedBy">The key of the <see cref="CopyTypeSpec"/> that copies it; <c>null</c> when it is shared.</param>
/// <param name="IsReference">A reference type: <c>null</c> is checked for before the copy method is called.</param>
internal sealed record CopyValueSpec(string? CopiedBy, bool IsReference)
{
    /// <summary>A value shared as it is: immutable by the rule of CACHE009.</summary>
    public static readonly CopyValueSpec Shared = new(null, false);
}
