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
        description: "The generator wraps [Cached] methods that return Task<T>, ValueTask<T> or a value, are neither static nor generic, take no ref or out parameters and are declared on an interface; [InvalidatesCache] methods must be interface members too. Any other method is called uncached.",
        helpLinkUri: HelpLinkBase + UnsupportedSignatureId + ".md");

    /// <summary>CACHE005: a key parameter's type has no stable key form. Args: parameter, type, method.</summary>
    public static readonly DiagnosticDescriptor NoStableKeyForm = new(
        id: NoStableKeyFormId,
        title: "Parameter type has no stable cache-key form",
        messageFormat: "Parameter '{0}' of '{2}' has type '{1}', which has no stable cache-key form; mark it [NotCacheKey] if it does not change the result, or pass a string, number, bool, char, enum, Guid, date or time instead",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Cache keys are built from the arguments in an invariant, escaped form. A type without such a form would need a ToString() guess that can make two different calls share one key, so the method is left uncached.",
        helpLinkUri: HelpLinkBase + NoStableKeyFormId + ".md");

    /// <summary>CACHE006: an <c>[InvalidatesCache(Methods = ...)]</c> entry cannot be linked. Args: entry, what is wrong.</summary>
    public static readonly DiagnosticDescriptor UnmatchedInvalidatedMethod = new(
        id: UnmatchedInvalidatedMethodId,
        title: "Invalidated method cannot be matched",
        messageFormat: "Methods entry '{0}': {1}",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each entry of Methods must name a [Cached] method of the same class whose key parameters all appear, with the same name and type, among the write's parameters; otherwise the entry to evict cannot be computed.",
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
}
