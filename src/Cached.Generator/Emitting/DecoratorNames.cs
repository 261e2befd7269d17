using System.Collections.Generic;
using System.Linq;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>The decorator's own member names, unique within it, and locals that cannot clash with a parameter.</summary>
internal sealed class DecoratorNames
{
    private readonly Dictionary<string, string> _fieldsByPrefix = new();
    private readonly Dictionary<string, string> _helpersByPrefix = new();
    private readonly Dictionary<MethodSpec, (string Field, string Arguments, string Run)> _writeBehind = new();
    private readonly Dictionary<string, string> _holdersByPrefix = new();
    private readonly Dictionary<string, string> _copyMethodsByType = new();

    public DecoratorNames(EquatableArray<MethodSpec> methods, EquatableArray<KeyBuilderSpec> evictionKeys)
    {
        var used = new HashSet<string>();
        foreach (var method in methods)
        {
            if (method.Caching is not { } caching || _fieldsByPrefix.ContainsKey(caching.Key.Prefix))
            {
                continue;
            }

            if (method.TypeParameters.IsEmpty)
            {
                _fieldsByPrefix[caching.Key.Prefix] = Unique("s_" + Camel(caching.Key.MethodName), used);
                continue;
            }

            // A generic method's policy depends on its type arguments: a static field of a generic class per method.
            var typeParameters = "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">";
            var holder = Unique(caching.Key.MethodName + "Policy", used);
            _holdersByPrefix[caching.Key.Prefix] = holder + typeParameters;
            _fieldsByPrefix[caching.Key.Prefix] = holder + typeParameters + ".Value";
        }

        foreach (var key in evictionKeys)
        {
            _helpersByPrefix[key.Prefix] = Unique("KeyOf" + key.MethodName, used);
        }

        // Copy methods live in their own class: unique among themselves, one per type across the file's methods.
        var copyMethods = new HashSet<string>();
        foreach (var type in methods.SelectMany(m => m.Caching?.Copier?.Types ?? EquatableArray<CopyTypeSpec>.Empty))
        {
            if (!_copyMethodsByType.ContainsKey(type.Type))
            {
                _copyMethodsByType[type.Type] = Unique("Copy" + type.Name, copyMethods);
            }
        }

        foreach (var method in methods)
        {
            if (method.Invalidation?.WriteBehind is not null && !_writeBehind.ContainsKey(method))
            {
                var name = method.Name.TrimStart('@');
                _writeBehind[method] = (
                    Unique("s_" + Camel(name) + "WriteBehind", used),
                    Unique(name + "Arguments", used),
                    Unique(name + "Write", used));
            }
        }
    }

    /// <summary>The static <c>WriteBehindMethod</c> field of a write-behind write.</summary>
    public string WriteBehindField(MethodSpec method) => _writeBehind[method].Field;

    /// <summary>The nested record of a write-behind write's journaled arguments.</summary>
    public string WriteBehindArguments(MethodSpec method) => _writeBehind[method].Arguments;

    /// <summary>The private method holding a write-behind write and its invalidations.</summary>
    public string WriteBehindRun(MethodSpec method) => _writeBehind[method].Run;

    /// <summary>The static <c>CachedMethod&lt;T&gt;</c> field of a cached method.</summary>
    public string Field(CachingSpec caching) => _fieldsByPrefix[caching.Key.Prefix];

    /// <summary>For a generic method, the generic class (with its type parameters) holding its policy; otherwise <c>null</c>.</summary>
    public string? Holder(CachingSpec caching) => _holdersByPrefix.TryGetValue(caching.Key.Prefix, out var holder) ? holder : null;

    /// <summary>The static field of the cached method with this key prefix, if the decorator has one.</summary>
    public string? FieldOf(string prefix) => _fieldsByPrefix.TryGetValue(prefix, out var field) ? field : null;

    /// <summary>The method of <see cref="CopierEmitter.ClassName"/> that copies a value of this type (a <see cref="CopyTypeSpec.Type"/>).</summary>
    public string CopyMethod(string type) => _copyMethodsByType[type];

    /// <summary>The generated copy of a cached method's result, for its policy's <c>Copier</c>; <c>null</c> when it has none.</summary>
    public string? Copier(CachingSpec caching) =>
        caching.Copier is { } copier ? CopierEmitter.ClassName + "." + CopyMethod(copier.Root) : null;

    /// <summary>The static helper that builds the key of the cached method with this prefix, for eviction.</summary>
    public string Helper(string prefix) => _helpersByPrefix[prefix];

    /// <summary><paramref name="name"/>, or a numbered variant when a parameter already has that name.</summary>
    public static string Local(string name, IEnumerable<string> parameterNames)
    {
        var taken = new HashSet<string>(parameterNames.Select(p => p.TrimStart('@')));
        var candidate = name;
        for (var i = 0; taken.Contains(candidate); i++)
        {
            candidate = name + i;
        }

        return candidate;
    }

    /// <summary>The decorator's field <c>_inner</c> or <c>_cache</c>, qualified when a parameter shadows it.</summary>
    public static string Member(string field, IEnumerable<string> parameterNames) =>
        parameterNames.Any(p => p.TrimStart('@') == field) ? "this." + field : field;

    private static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var i = 1; !used.Add(candidate); i++)
        {
            candidate = name + i;
        }

        return candidate;
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
