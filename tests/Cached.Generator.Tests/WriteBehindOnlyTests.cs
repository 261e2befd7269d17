namespace Cached.Generator.Tests;

public sealed class WriteBehindOnlyTests
{
    private const string CountersWithOnlyWriteBehind = """
        using System.Threading;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Telemetry;

        public interface IClicks
        {
            Task RecordClickAsync(int productId, CancellationToken ct = default);

            int Pending { get; }
        }

        public sealed class Clicks : IClicks
        {
            public int Pending => 0;

            [WriteBehind]
            public Task RecordClickAsync(int productId, CancellationToken ct = default) => Task.CompletedTask;
        }
        """;

    [Fact]
    public void A_service_whose_only_attribute_is_WriteBehind_gets_a_journaling_decorator()
    {
        var run = GeneratorHarness.Run(CountersWithOnlyWriteBehind);

        run.AssertCompilesCleanly();
        var decorator = run.Source("Shop.Telemetry.ClicksCachedDecorator.g.cs");
        Assert.Contains("RecordClickAsync", decorator);
        Assert.Contains("WriteBehind", decorator);
        Assert.Contains("global::Shop.Telemetry.ClicksCachedDecorator", run.Source("CachedDecorators_TestApp.g.cs"));
    }
}
