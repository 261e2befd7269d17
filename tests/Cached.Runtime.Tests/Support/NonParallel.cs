namespace Cached.Runtime.Tests.Support;

/// <summary>Tests that must not run alongside others (allocation measurements).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NonParallel
{
    public const string Name = "Non-parallel";
}
