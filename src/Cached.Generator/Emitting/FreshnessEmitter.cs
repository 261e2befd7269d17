using System.Collections.Generic;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>
/// Writes the object initializer that carries a cached method's freshness settings, and whether (and by what) its
/// result is copied on read, into its policy.
/// </summary>
internal static class FreshnessEmitter
{
    /// <summary>The initializer's assignments; none for the defaults (the policy is then written as before).</summary>
    /// <param name="copier">The generated copy of the result, when it has one.</param>
    public static List<string> Assignments(FreshnessSpec freshness, bool copyOnRead, string? copier)
    {
        var assignments = new List<string>();
        if (freshness.StaleForTicks is { } staleFor)
        {
            assignments.Add("StaleFor = " + CSharp.Ticks(staleFor));
        }

        if (freshness.CacheNull)
        {
            assignments.Add("CacheNull = true");
        }

        if (freshness.NullTtlTicks is { } nullTtl)
        {
            assignments.Add("NullTtl = " + CSharp.Ticks(nullTtl));
        }

        if (freshness.L1Only)
        {
            assignments.Add("L1Only = true");
        }

        if (copyOnRead)
        {
            assignments.Add("CopyOnRead = true");
        }

        if (copyOnRead && copier is not null)
        {
            assignments.Add("Copier = " + copier);
        }

        return assignments;
    }

    /// <summary>
    /// Closes a policy's <c>new(...)</c> after its strategy argument: with the <c>distributedLock</c> argument when set,
    /// then <c>)</c> and the initializer, or <c>);</c>.
    /// </summary>
    /// <param name="copier">The generated copy of the result, when it has one.</param>
    public static void Close(SourceWriter writer, string lastArgument, CachingSpec caching, string? copier)
    {
        var freshness = caching.Freshness;
        if (freshness.DistributedLock)
        {
            writer.Line(lastArgument + ",");
            lastArgument = "distributedLock: true";
        }

        var assignments = Assignments(freshness, caching.CopyOnRead, copier);
        if (assignments.Count == 0)
        {
            writer.Line(lastArgument + ");");
            return;
        }

        writer.Line(lastArgument + ")");
        writer.Outdent();
        writer.Line("{");
        writer.Indent();
        foreach (var assignment in assignments)
        {
            writer.Line(assignment + ",");
        }

        writer.Outdent();
        writer.Line("};");
        writer.Indent();
    }
}
