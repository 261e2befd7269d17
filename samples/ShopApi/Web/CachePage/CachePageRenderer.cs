using System.Globalization;
using System.Net;
using System.Text;

namespace ShopApi.Web.CachePage;

/// <summary>Renders <see cref="CacheStats"/> as the self-refreshing <c>/cache</c> HTML page (no scripts, no front-end build).</summary>
public static class CachePageRenderer
{
    private const int RefreshSeconds = 2;

    private const string Style = """
        <style>
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
        table { border-collapse: collapse; }
        th, td { padding: .35rem .7rem; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; font-family: ui-monospace, monospace; }
        .note { color: #666; font-size: .9rem; }
        </style>
        """;

    /// <summary>The whole page, every figure HTML-encoded where it is text.</summary>
    public static string Render(CacheStats stats)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="refresh" content="{{RefreshSeconds}}">
            <title>Cached: live cache statistics</title>
            {{Style}}
            </head>
            <body>
            <h1>Cache statistics</h1>
            <p>Caching <strong>{{(stats.Caching ? "on" : "off")}}</strong>; tiers: <strong>{{(stats.Redis ? "L1 (memory) + L2 (Redis)" : "L1 (memory) only")}}</strong>;
            backplane: <strong id="backplane">{{BackplaneText(stats)}}</strong>;
            database queries since start: <strong id="database-queries">{{stats.DatabaseQueries}}</strong>.</p>
            <table id="methods">
            <thead><tr><th>Method</th><th>L1 hits</th><th>L2 hits</th><th>Misses</th><th>Hit ratio</th><th>Factory runs</th>
            <th>Coalesced</th><th>Stale served</th><th>Invalidations</th><th>L2 errors</th><th>p50</th><th>p99</th></tr></thead>
            <tbody>

            """);
        foreach (var row in stats.Methods)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-method="{WebUtility.HtmlEncode(row.Method)}"><td>{WebUtility.HtmlEncode(row.Method.Length == 0 ? "(no method)" : row.Method)}</td>
                <td class="l1-hits">{row.L1Hits}</td><td class="l2-hits">{row.L2Hits}</td><td class="misses">{row.Misses}</td>
                <td class="hit-ratio">{(row.HitRatio is { } ratio ? ratio.ToString("P1", CultureInfo.InvariantCulture) : "–")}</td>
                <td>{row.FactoryRuns}</td><td>{row.CoalescedWaiters}</td><td>{row.StaleServed}</td><td>{row.Invalidations}</td><td>{row.L2Errors}</td>
                <td class="p50">{Milliseconds(row.ReadLatency?.P50)}</td><td class="p99">{Milliseconds(row.ReadLatency?.P99)}</td></tr>

                """);
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            </tbody>
            </table>
            <p class="note">Every figure is read from the engine's <code>Cached</code> meter since the app started; p50 and
            p99 are read latencies over each method's last {LatencyWindow.Size} reads (every tier). Refreshes every {RefreshSeconds} s;
            <a href="/cache/stats">JSON</a>.</p>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static string BackplaneText(CacheStats stats)
    {
        if (!stats.Redis)
        {
            return "none (single node)";
        }

        var state = stats.Backplane;
        var breaker = state.BreakersOpen > 0 ? "breaker open, Redis skipped" : "connected";
        var lag = state.Lag is { } l ? $", lag p50 {Milliseconds(l.P50)}, p99 {Milliseconds(l.P99)}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{breaker}; {state.Sent} sent, {state.Received} received{lag}, {state.Resyncs} resyncs");
    }

    private static string Milliseconds(double? value) =>
        value is { } ms ? ms.ToString(ms < 1 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " ms" : "–";
}
