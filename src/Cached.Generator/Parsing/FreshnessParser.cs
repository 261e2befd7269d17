using Cached.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cached.Generator.Parsing;

/// <summary>Reads the freshness properties of <c>[Cached]</c>; a bad duration yields <c>null</c> (the analyzers report it).</summary>
internal static class FreshnessParser
{
    public static FreshnessSpec? Parse(AttributeData attribute)
    {
        string? staleFor = null, nullTtl = null;
        bool cacheNull = false, l1Only = false, distributedLock = false;
        foreach (var argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "StaleFor": staleFor = argument.Value.Value as string; break;
                case "NullTtl": nullTtl = argument.Value.Value as string; break;
                case "CacheNull": cacheNull = argument.Value.Value is true; break;
                case "L1Only": l1Only = argument.Value.Value is true; break;
                case "DistributedLock": distributedLock = argument.Value.Value is true; break;
            }
        }

        if (!CachingParser.TryParseDuration(staleFor, out var staleForTicks) || !CachingParser.TryParseDuration(nullTtl, out var nullTtlTicks))
        {
            return null;
        }

        return new FreshnessSpec(staleForTicks, cacheNull, nullTtlTicks, l1Only, distributedLock);
    }
}
