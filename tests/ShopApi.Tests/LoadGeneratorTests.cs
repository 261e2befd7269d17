using ShopApi.LoadGen;

namespace ShopApi.Tests;

public sealed class LoadGeneratorTests
{
    private static readonly Workload s_workload = new()
    {
        Products = ShopApiFactory.Products,
        Requests = 3_000,
        Concurrency = 4,
        WriteRatio = 0,
        AdminKey = ShopApiFactory.AdminKey,
    };

    [Fact]
    public async Task A_short_run_with_caching_saves_at_least_90_percent_of_the_database_queries()
    {
        var cached = await RunAsync(caching: true, s_workload);
        var uncached = await RunAsync(caching: false, s_workload);

        var comparison = new Comparison(cached, uncached);

        Assert.Equal("cached (L1)", cached.Label);
        Assert.Equal("uncached", uncached.Label);
        Assert.Equal(s_workload.Requests!.Value, cached.Requests);
        Assert.Equal(0, cached.Errors + uncached.Errors);
        Assert.True(uncached.QueriesPerRequest >= 1, $"uncached: {uncached.QueriesPerRequest} queries per request");
        Assert.True(comparison.QueriesSaved >= 0.9, $"saved {comparison.QueriesSaved:P1}");
        Assert.True(cached.HitRatio >= 0.9, $"hit ratio {cached.HitRatio:P1}");
        Assert.Null(uncached.HitRatio);
        Assert.True(cached.P50Ms <= cached.P95Ms && cached.P95Ms <= cached.P99Ms);
    }

    [Fact]
    public async Task Price_changes_in_the_mix_are_sent_as_an_admin_and_succeed()
    {
        var run = await RunAsync(caching: true, s_workload with { Requests = 300, WriteRatio = 0.2 });

        Assert.Equal(300, run.Requests);
        Assert.Equal(0, run.Errors);
    }

    [Fact]
    public void The_command_line_reads_every_option_and_names_a_bad_one()
    {
        var command = CommandLine.Parse(["--url", "http://127.0.0.1:5080", "--baseline-url", "http://127.0.0.1:5081/", "--duration", "60",
            "--concurrency", "8", "--zipf", "1.2", "--writes", "0.05", "--products", "500", "--json", "out.json"]);

        Assert.Equal(new Uri("http://127.0.0.1:5080/"), command.Url);
        Assert.Equal(new Uri("http://127.0.0.1:5081/"), command.BaselineUrl);
        Assert.Equal(new Workload { Duration = TimeSpan.FromSeconds(60), Concurrency = 8, ZipfExponent = 1.2, WriteRatio = 0.05, Products = 500 }, command.Workload);
        Assert.Equal("out.json", command.JsonPath);
        Assert.Contains("--writes", Assert.Throws<FormatException>(() => CommandLine.Parse(["--url", "http://x", "--writes", "2"])).Message);
        Assert.Contains("--url", Assert.Throws<FormatException>(() => CommandLine.Parse(["--zipf", "1"])).Message);
    }

    private static async Task<RunReport> RunAsync(bool caching, Workload workload)
    {
        using var factory = new ShopApiFactory(caching);
        using var client = factory.CreateClient();
        return await new LoadRunner(client, workload).RunAsync();
    }
}
