using System.Text.Json;
using Spectre.Console;

namespace ShopApi.LoadGen;

/// <summary>
/// Loads a running ShopApi with a Zipf workload, and optionally a second one started with caching off, then prints
/// throughput, latency percentiles, hit ratio and database queries saved.
/// </summary>
internal static class LoadGenProgram
{
    private static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        CommandLine command;
        try
        {
            command = CommandLine.Parse(args);
        }
        catch (FormatException error)
        {
            await Console.Error.WriteLineAsync(error.Message + Environment.NewLine + CommandLine.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var targets = new List<Uri> { command.Url };
        if (command.BaselineUrl is { } baseline)
        {
            targets.Add(baseline);
        }

        var runs = new List<RunReport>();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                foreach (var target in targets)
                {
                    var task = context.AddTask(target.ToString(), maxValue: 1);
                    using var client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(30) };
                    var progress = new Progress<double>(done => task.Value = done);
                    runs.Add(await new LoadRunner(client, command.Workload).RunAsync(progress, cancel.Token));
                    task.Value = 1;
                }
            });

        var comparison = runs.Count == 2 ? new Comparison(runs[0], runs[1]) : null;
        var workload = command.Workload;
        AnsiConsole.MarkupLineInterpolated(
            $"[grey]{workload.Concurrency} in flight, Zipf s={workload.ZipfExponent} over {workload.Products} products, {workload.WriteRatio:P1} price changes[/]");
        AnsiConsole.Write(ReportTable.Build(runs, comparison));
        if (command.JsonPath is { } path)
        {
            await using var file = File.Create(path);
            await JsonSerializer.SerializeAsync(file, new { workload, runs, comparison }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
            AnsiConsole.MarkupLineInterpolated($"[grey]figures written to {path}[/]");
        }

        return runs.Any(r => r.Errors > 0) ? 1 : 0;
    }
}
