using Microsoft.CodeAnalysis;

namespace Cached.Analyzers.Diagnostics;

/// <summary>
/// Every diagnostic of Cached. The IDs are <c>const</c> so that the code fixes (another assembly) and the docs refer to
/// the same strings; each rule has a page at <see cref="HelpLinkBase"/> + ID + <c>.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string HelpLinkBase = "https://github.com/cached-dotnet/Cached/blob/main/docs/diagnostics/";

    public const string WriteWithoutInvalidationId = "CACHE001";
    public const string BadDurationId = "CACHE002";
    public const string BadPlaceholderId = "CACHE003";
    public const string UnsupportedSignatureId = "CACHE004";
    public const string NoStableKeyFormId = "CACHE005";
    public const string UnmatchedInvalidatedMethodId = "CACHE006";
    public const string JitterNotSmallerThanTtlId = "CACHE007";
    public const string UnproducedTagId = "CACHE008";
    public const string MutableResultId = "CACHE009";
    public const string PerUserStateId = "CACHE010";
    public const string SelfCallId = "CACHE011";
    public const string MissingDecoratorsId = "CACHE012";
    public const string MissingHybridCacheId = "CACHE013";
    public const string WriteThroughEvictsId = "CACHE014";

    /// <summary>Diagnostic property carrying the canonical duration a CACHE002 code fix writes, when there is one.</summary>
    public const string SuggestedDurationProperty = "SuggestedDuration";

    private const string UsageCategory = "Cached.Usage";
    private const string CorrectnessCategory = "Cached.Correctness";

    /// <summary>
    /// CACHE001: a method writes data that cached methods read, and nothing invalidates them. Args: the write, what it
    /// writes, the cached methods.
    /// </summary>
    public static readonly DiagnosticDescriptor WriteWithoutInvalidation = new(
        id: WriteWithoutInvalidationId,
        title: "Write leaves cached data stale",
        messageFormat: "'{0}' writes {1} without invalidating {2}, which would serve stale data until the entries expire",
        category: CorrectnessCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A method that writes entities or tables that a [Cached] method reads (directly, through navigations, or through the methods it calls) must invalidate that method's entries: with [InvalidatesCache] tags that match the cached method's tag templates, or by naming it in Methods. Writes are recognised from what the method does (EF Core SaveChanges with tracked changes, ExecuteUpdate/ExecuteDelete, raw SQL, Dapper and ADO.NET commands with INSERT, UPDATE, DELETE or MERGE), not from its name.",
        helpLinkUri: HelpLinkBase + WriteWithoutInvalidationId + ".md");

    /// <summary>CACHE002: <c>Ttl</c> or <c>Jitter</c> is not a duration string. Args: property, value, accepted forms.</summary>
    public static readonly DiagnosticDescriptor BadDuration = new(
        id: BadDurationId,
        title: "Duration string is not valid",
        messageFormat: "{0} \"{1}\" is not a duration; write it as {2}",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Ttl and Jitter are parsed at compile time. A value that does not parse leaves the method uncached, so it is an error.",
        helpLinkUri: HelpLinkBase + BadDurationId + ".md");

    /// <summary>CACHE003: a template placeholder names nothing, or the template is malformed. Args: template, what is wrong.</summary>
    public static readonly DiagnosticDescriptor BadPlaceholder = new(
        id: BadPlaceholderId,
        title: "Template placeholder names no parameter or member",
        messageFormat: "Template \"{0}\": {1}",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Tag and key templates take {param} and {param.Member} placeholders ({result} and {result.Member} in [InvalidatesCache] tags of a method that returns a value). A placeholder the generator cannot resolve leaves the method uncached or the write not invalidating.",
        helpLinkUri: HelpLinkBase + BadPlaceholderId + ".md");

    /// <summary>CACHE004: the attributed method has a shape the generator cannot wrap. Args: method, attribute, what to change.</summary>
    public static readonly DiagnosticDescriptor UnsupportedSignature = new(
        id: UnsupportedSignatureId,
        title: "Method signature is not supported by the attribute",
        messageFormat: "[{1}] on '{0}' has no effect: {2}",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator caches [Cached] methods that return Task<T>, ValueTask<T> or a value, are not static and take no ref or out parameters, in one of two ways: a decorator of the non-generic interface the method belongs to, or, in a partial type, a partial method the generator implements over the user's {Method}Core method (same parameters and return type). [InvalidatesCache] methods follow the same two ways. Any other method is called uncached.",
        helpLinkUri: HelpLinkBase + UnsupportedSignatureId + ".md");

    /// <summary>
    /// CACHE005: a key value (a parameter, or a placeholder of a <c>Key</c> template) has no stable key form. Args: the
    /// value, its type, method, what to change.
    /// </summary>
    public static readonly DiagnosticDescriptor NoStableKeyForm = new(
        id: NoStableKeyFormId,
        title: "Parameter type has no stable cache-key form",
        messageFormat: "Key value '{0}' of '{2}' has type '{1}', which has no stable cache-key form; {3}",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Cache keys are built from the arguments (or from the placeholders of a Key template) in an invariant, escaped form: strings, numbers, bool, char, enums, Guid, dates and times, their nullable forms, sealed records and structs whose public members all have such forms, and arrays, lists, sets and dictionaries of them. A type without such a form would need a ToString() guess that can make two different calls share one key, so the method is left uncached.",
        helpLinkUri: HelpLinkBase + NoStableKeyFormId + ".md");

    /// <summary>CACHE006: an <c>[InvalidatesCache(Methods = ...)]</c> entry cannot be linked. Args: entry, what is wrong.</summary>
    public static readonly DiagnosticDescriptor UnmatchedInvalidatedMethod = new(
        id: UnmatchedInvalidatedMethodId,
        title: "Invalidated method cannot be matched",
        messageFormat: "Methods entry '{0}': {1}",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each entry of Methods must name a non-generic [Cached] method of the same class whose key parameters (with a Key template, the parameters its placeholders read) all appear, with the same name and type, among the write's parameters; otherwise the entry to evict cannot be computed.",
        helpLinkUri: HelpLinkBase + UnmatchedInvalidatedMethodId + ".md");

    /// <summary>CACHE007: Jitter is not smaller than Ttl. Args: jitter, ttl.</summary>
    public static readonly DiagnosticDescriptor JitterNotSmallerThanTtl = new(
        id: JitterNotSmallerThanTtlId,
        title: "Jitter is not smaller than Ttl",
        messageFormat: "Jitter \"{0}\" is not smaller than Ttl \"{1}\", so some entries would get a zero or negative lifetime; use a jitter well below the TTL (10–20% of it is typical)",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "With jitter J an entry lives a random time in [Ttl−J, Ttl+J]. When J ≥ Ttl the lower end is zero or negative: those entries expire at once and the cache stops protecting the database.",
        helpLinkUri: HelpLinkBase + JitterNotSmallerThanTtlId + ".md");

    /// <summary>CACHE008: an invalidated tag matches no tag any cached method produces. Args: tag, what to do instead.</summary>
    public static readonly DiagnosticDescriptor UnproducedTag = new(
        id: UnproducedTagId,
        title: "Invalidated tag is not produced by any cached method",
        messageFormat: "Tag \"{0}\" is not produced by any [Cached] method, so invalidating it evicts nothing; {1}",
        category: CorrectnessCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An [InvalidatesCache] tag template evicts the entries whose tags it matches. A template whose shape (its literal text, with each placeholder standing for one value) matches no tag template of any [Cached] method the project can see is most likely a typo, and the write leaves the entries it meant to evict in place.",
        helpLinkUri: HelpLinkBase + UnproducedTagId + ".md");

    /// <summary>CACHE009: a cached result type is mutable. Args: method, type, why it is mutable.</summary>
    public static readonly DiagnosticDescriptor MutableResult = new(
        id: MutableResultId,
        title: "Cached result type is mutable",
        messageFormat: "'{0}' returns '{1}', which is mutable ({2}), so the in-memory cache cannot share one instance between callers and copies it on every hit; return a record with init-only members and read-only collections, or mark the type [ImmutableObject(true)] if no caller changes it",
        category: CorrectnessCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The L1 (in-process) cache hands the same instance to every caller when the result type is immutable. A mutable result could be changed by one caller under the feet of the others, so it is copied on every hit instead: slower, and a sign that callers might change cached data.",
        helpLinkUri: HelpLinkBase + MutableResultId + ".md");

    /// <summary>CACHE010: a cached method reads per-user state that is not in its key. Args: method, what it reads.</summary>
    public static readonly DiagnosticDescriptor PerUserState = new(
        id: PerUserStateId,
        title: "Cached method reads per-user state that is not in its key",
        messageFormat: "'{0}' reads {1}, which differs from one user or request to the next, but its cache key does not: one user's result would be served to others; pass the value it needs (a user id, a tenant) as a parameter, or do not cache the method",
        category: CorrectnessCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A cache key is built from the method's arguments only. A [Cached] method that reads the current user (HttpContext.User, a ClaimsPrincipal, IHttpContextAccessor) or other per-request state (session, cookies, headers, query) returns results that depend on something the key does not contain: the first caller's result is served to everyone, which leaks data between users.",
        helpLinkUri: HelpLinkBase + PerUserStateId + ".md");

    /// <summary>CACHE011: a class calls its own cached method, bypassing the decorator. Args: caller, cached method.</summary>
    public static readonly DiagnosticDescriptor SelfCall = new(
        id: SelfCallId,
        title: "Call to a cached method of the same instance is not cached",
        messageFormat: "'{0}' calls [Cached] '{1}' on this instance, which bypasses the generated decorator, so the call is not cached; call it through the service interface, or declare '{1}' as a partial [Cached] method",
        category: CorrectnessCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Caching is added by a decorator registered in place of the class. A call from inside the class to its own [Cached] method goes straight to the method, not through the decorator, so it runs uncached every time. A partial [Cached] method (whose body the generator writes) is cached for every caller, this instance included.",
        helpLinkUri: HelpLinkBase + SelfCallId + ".md");

    /// <summary>CACHE012: a service with cached methods is registered, and AddCachedDecorators() is never called. Args: service type.</summary>
    public static readonly DiagnosticDescriptor MissingDecorators = new(
        id: MissingDecoratorsId,
        title: "Service with cached methods is registered without the decorators",
        messageFormat: "'{0}' has [Cached] or [InvalidatesCache] methods and is registered here, but AddCachedDecorators() is never called, so its calls are neither cached nor invalidating; call AddCachedDecorators() after the registrations",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The generated AddCachedDecorators() wraps every registration of a service whose methods carry the attributes. A project that registers such a service but never calls it runs the service undecorated: nothing is cached and nothing is invalidated, silently.",
        helpLinkUri: HelpLinkBase + MissingDecoratorsId + ".md");

    /// <summary>CACHE013: a partial type with partial cached methods has no <c>HybridCache</c>. Args: type, method.</summary>
    public static readonly DiagnosticDescriptor MissingHybridCache = new(
        id: MissingHybridCacheId,
        title: "Partial type with cached partial methods has no HybridCache",
        messageFormat: "'{0}' declares partial [Cached] or [InvalidatesCache] methods such as '{1}', but has no HybridCache field, property or primary-constructor parameter to cache through, so the generator implements none of them; add one",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "In partial-method mode the generated implementation caches through the type's own HybridCache, found the way [LoggerMessage] finds an ILogger: a field or property (its own or an accessible inherited one) or a primary-constructor parameter of type HybridCache. Without one the partial methods are left unimplemented and the build fails.",
        helpLinkUri: HelpLinkBase + MissingHybridCacheId + ".md");

    /// <summary>
    /// CACHE014: a write linked to a write-through method evicts its entry instead of storing the new value. Args: the
    /// write, the cached method, the reason and what to change.
    /// </summary>
    public static readonly DiagnosticDescriptor WriteThroughEvicts = new(
        id: WriteThroughEvictsId,
        title: "Write evicts a write-through entry instead of storing it",
        messageFormat: "'{0}' evicts the entry of write-through '{1}' instead of storing its new value: {2}",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A write named in [InvalidatesCache(Methods = [...])] stores its result under a CacheStrategy.WriteThrough method's key only when it returns a value of that method's result type (nullability aside), every parameter it shares by name with that method has the same type, and every tag of that method can be built from the write's parameters. Otherwise the generated write evicts the entry, and the next read goes to the database.",
        helpLinkUri: HelpLinkBase + WriteThroughEvictsId + ".md");
}
