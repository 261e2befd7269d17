namespace Cached.Generator.Model;

/// <summary>
/// A <c>partial</c> type whose <c>partial</c> methods carry <c>[Cached]</c> or <c>[InvalidatesCache]</c>: the generator
/// implements each of them over the user's <c>...Core</c> method, caching through the type's own <c>HybridCache</c>.
/// </summary>
/// <param name="Namespace">The type's namespace; empty for the global namespace.</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Declarations">
/// The <c>partial</c> declarations to reopen, outermost first, the type itself last: for example
/// <c>partial class Outer</c>, <c>partial class Catalog&lt;T&gt;</c>.
/// </param>
/// <param name="TypeParameters">
/// The type parameters of the type and its containing types, outermost first: each closed type has its own policies,
/// whose key prefixes name the type arguments.
/// </param>
/// <param name="Cache">The expression reading the type's <c>HybridCache</c>: <c>this.field</c>, <c>this.Property</c> or a primary-constructor parameter.</param>
/// <param name="Methods">The partial methods, in declaration order.</param>
/// <param name="EvictionKeys">Key builders of the cached methods the type's writes evict.</param>
internal sealed record PartialTypeSpec(
    string Namespace,
    string HintName,
    EquatableArray<string> Declarations,
    EquatableArray<string> TypeParameters,
    string Cache,
    EquatableArray<PartialMethodSpec> Methods,
    EquatableArray<KeyBuilderSpec> EvictionKeys);

/// <summary>A partial method to implement.</summary>
/// <param name="Modifiers">The declaration's modifiers, which the implementation repeats: <c>public</c>, <c>internal virtual</c>, ...</param>
/// <param name="Method">Its signature and, when supported, its caching or invalidation; otherwise it calls <c>...Core</c> as is.</param>
/// <param name="Constraints">A generic method's constraint clauses, which the implementation must repeat: <c>where T : class, new()</c>.</param>
internal sealed record PartialMethodSpec(string Modifiers, MethodSpec Method, EquatableArray<string> Constraints);
