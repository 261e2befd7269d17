using Microsoft.CodeAnalysis;

namespace Cached.Generator.Tests;

/// <summary>
/// Every assembly that references Cached gets its own <c>AddCachedDecorators()</c>, except where a second one would
/// make calls ambiguous: a test project that sees an app's internals and decorates nothing itself.
/// </summary>
public sealed class RegistrationTests
{
    private const string App = """
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;
        using Cached;

        [assembly: InternalsVisibleTo("App.Tests")]

        namespace App;

        public interface IClock
        {
            Task<int> NowAsync(int zone);
        }

        public sealed class Clock : IClock
        {
            [Cached(Ttl = "1s")]
            public Task<int> NowAsync(int zone) => Task.FromResult(zone);
        }
        """;

    private const string UsesTheApp = """
        using Microsoft.Extensions.DependencyInjection;

        namespace App.Tests;

        public static class Setup
        {
            public static IServiceCollection Configure(IServiceCollection services) => services.AddCachedDecorators();
        }
        """;

    private const string DecoratesItsOwn = """
        using System.Threading.Tasks;
        using Cached;

        namespace App.Tests;

        public interface IFake
        {
            Task<int> GetAsync(int id);
        }

        public sealed class Fake : IFake
        {
            [Cached]
            public Task<int> GetAsync(int id) => Task.FromResult(id);
        }
        """;

    [Fact]
    public void Registration_class_is_named_after_the_assembly()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation("My.Shop-Api", [Inputs.NothingDecorated]));

        Assert.Contains(run.Sources, s => s.HintName == "CachedDecorators_My_Shop_Api.g.cs");
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Assembly_that_sees_the_apps_registration_and_decorates_nothing_gets_none()
    {
        var app = AppReference();

        var run = GeneratorHarness.Run(GeneratorHarness.Compilation("App.Tests", [UsesTheApp], [app]));

        Assert.Empty(run.Sources);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Assembly_that_decorates_its_own_services_gets_its_own_registration_beside_the_apps()
    {
        var app = AppReference();

        var run = GeneratorHarness.Run(GeneratorHarness.Compilation("App.Tests", [DecoratesItsOwn], [app]));

        Assert.Contains(run.Sources, s => s.HintName == "CachedDecorators_App_Tests.g.cs");
    }

    [Fact]
    public void Assembly_without_access_to_the_apps_internals_gets_its_own_registration()
    {
        var app = AppReference();

        var run = GeneratorHarness.Run(GeneratorHarness.Compilation("Other", [UsesTheApp.Replace("App.Tests", "Other", StringComparison.Ordinal)], [app]));

        Assert.Contains(run.Sources, s => s.HintName == "CachedDecorators_Other.g.cs");
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Compilation_without_Cached_gets_nothing()
    {
        var compilation = GeneratorHarness.Compilation(Inputs.NothingDecorated)
            .RemoveReferences(GeneratorHarness.References.Where(r => r.Display?.EndsWith("Cached.dll", StringComparison.Ordinal) == true));

        var run = GeneratorHarness.Run(compilation);

        Assert.Empty(run.Sources);
    }

    /// <summary>The app's assembly with its generated registration, as a test project references it.</summary>
    private static MetadataReference AppReference()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation("App", [App]));
        run.AssertCompilesCleanly();
        Assert.Contains(run.Sources, s => s.HintName == "CachedDecorators_App.g.cs");
        using var image = new MemoryStream();
        Assert.True(run.Output.Emit(image).Success);
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
