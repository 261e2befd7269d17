namespace Cached.Generator.Tests;

/// <summary>Generated code compiles with nullable enabled and no warning, against the real runtime and abstractions.</summary>
public sealed class CompileTests
{
    public static TheoryData<string> Services => new()
    {
        nameof(Inputs.Catalog),
        nameof(Inputs.AttributesOnTheInterface),
        nameof(Inputs.ValueTaskAndSynchronous),
        nameof(Inputs.ForwardedMembers),
        nameof(Inputs.ExcludedParameters),
        nameof(Inputs.NothingDecorated),
        nameof(Inputs.EdgeCases),
        nameof(Inputs.Freshness),
        nameof(Inputs.WriteBehind),
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Input_and_generated_code_compile_without_diagnostics(string input)
    {
        var source = (string)typeof(Inputs).GetField(input)!.GetValue(null)!;

        var run = GeneratorHarness.Run(source);

        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Every_service_together_compiles_into_one_registration()
    {
        var run = GeneratorHarness.Run(
            Inputs.Catalog, Inputs.AttributesOnTheInterface, Inputs.ValueTaskAndSynchronous,
            Inputs.ForwardedMembers, Inputs.ExcludedParameters, Inputs.EdgeCases, Inputs.Freshness, Inputs.WriteBehind);

        run.AssertCompilesCleanly();
        Assert.Single(run.Sources, s => s.HintName.StartsWith("CachedDecorators_", StringComparison.Ordinal));
    }
}
