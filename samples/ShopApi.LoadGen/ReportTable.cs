using System.Globalization;
using Spectre.Console;

namespace ShopApi.LoadGen;

/// <summary>Prints the runs side by side, with the ratios when there is a baseline.</summary>
public static class ReportTable
{
    public static Table Build(IReadOnlyList<RunReport> runs, Comparison? comparison)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("");
        foreach (var run in runs)
        {
            table.AddColumn(new TableColumn(Markup.Escape(run.Label)).RightAligned());
        }

        if (comparison is not null)
        {
            table.AddColumn(new TableColumn("cached / uncached").RightAligned());
        }

        Row(table, "requests", runs, r => Int(r.Requests), null);
        Row(table, "errors", runs, r => Int(r.Errors), null);
        Row(table, "throughput (req/s)", runs, r => r.Throughput.ToString("N0", CultureInfo.InvariantCulture), comparison is null ? null : Times(comparison.ThroughputRatio));
        Row(table, "p50 latency (ms)", runs, r => Ms(r.P50Ms), comparison is null ? null : Times(comparison.P50Ratio));
        Row(table, "p95 latency (ms)", runs, r => Ms(r.P95Ms), null);
        Row(table, "p99 latency (ms)", runs, r => Ms(r.P99Ms), comparison is null ? null : Times(comparison.P99Ratio));
        Row(table, "hit ratio", runs, r => r.HitRatio is { } ratio ? ratio.ToString("P1", CultureInfo.InvariantCulture) : "–", null);
        Row(table, "database queries", runs, r => Int(r.DatabaseQueries), null);
        Row(table, "queries per request", runs, r => r.QueriesPerRequest.ToString("0.000", CultureInfo.InvariantCulture),
            comparison is null ? null : $"{comparison.QueriesSaved.ToString("P1", CultureInfo.InvariantCulture)} saved");
        return table;
    }

    private static void Row(Table table, string name, IReadOnlyList<RunReport> runs, Func<RunReport, string> cell, string? ratio)
    {
        var cells = new List<string> { name };
        cells.AddRange(runs.Select(cell));
        if (table.Columns.Count > runs.Count + 1)
        {
            cells.Add(ratio ?? "");
        }

        table.AddRow(cells.Select(Markup.Escape).ToArray());
    }

    private static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Times(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
