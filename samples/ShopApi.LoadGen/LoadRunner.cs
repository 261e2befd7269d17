using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShopApi.LoadGen;

/// <summary>
/// Sends a <see cref="Workload"/> to a running ShopApi and measures it: latency per request on the client, hit ratio
/// and database queries from the API's <c>/cache/stats</c> before and after the run.
/// </summary>
public sealed class LoadRunner(HttpClient client, Workload workload)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the workload once.</summary>
    /// <param name="progress">Receives the completed fraction (0..1) about ten times a second.</param>
    /// <param name="cancellationToken">Stops the run early; the report covers what was sent.</param>
    public async Task<RunReport> RunAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var before = await ReadStatsAsync(cancellationToken);
        var sampler = new ZipfSampler(workload.Products, workload.ZipfExponent);
        var state = new RunState(workload.Requests);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (workload.Requests is null)
        {
            stop.CancelAfter(workload.Duration);
        }

        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, workload.Concurrency)
            .Select(worker => Task.Run(() => WorkAsync(new Random(workload.Seed + worker), sampler, state, stop.Token), CancellationToken.None))
            .ToArray();
        var all = Task.WhenAll(workers);
        while (await Task.WhenAny(all, Task.Delay(100, CancellationToken.None)) != all)
        {
            progress?.Report(workload.Requests is { } total ? (double)state.Completed / total : Math.Min(1, clock.Elapsed / workload.Duration));
        }

        var latencies = (await all).SelectMany(l => l).ToArray();
        clock.Stop();
        progress?.Report(1);
        var after = await ReadStatsAsync(CancellationToken.None);
        return Report(before, after, latencies, state, clock.Elapsed);
    }

    /// <summary>The API's <c>/cache/stats</c>.</summary>
    public async Task<ShopStats> ReadStatsAsync(CancellationToken cancellationToken = default) =>
        await client.GetFromJsonAsync<ShopStats>("cache/stats", s_json, cancellationToken)
        ?? throw new InvalidOperationException("The API answered /cache/stats with nothing.");

    private async Task<List<long>> WorkAsync(Random random, ZipfSampler sampler, RunState state, CancellationToken stop)
    {
        var latencies = new List<long>();
        while (!stop.IsCancellationRequested && state.TryStart())
        {
            var id = sampler.Sample(random);
            using var request = random.NextDouble() < workload.WriteRatio ? PriceChange(id, random) : new HttpRequestMessage(HttpMethod.Get, $"products/{id}");
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
                if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
                {
                    state.Failed();
                }
            }
            catch (HttpRequestException)
            {
                state.Failed();
            }

            latencies.Add(Stopwatch.GetTimestamp() - started);
            state.Complete();
        }

        return latencies;
    }

    private HttpRequestMessage PriceChange(int id, Random random)
    {
        var price = Math.Round((decimal)(random.NextDouble() * 200 + 1), 2);
        var request = new HttpRequestMessage(HttpMethod.Put, $"products/{id}/price")
        {
            Content = JsonContent.Create(new { price }),
        };
        request.Headers.Add("X-Api-Key", workload.AdminKey);
        return request;
    }

    private static RunReport Report(ShopStats before, ShopStats after, long[] latencies, RunState state, TimeSpan elapsed)
    {
        Array.Sort(latencies);
        var hits = after.Hits - before.Hits;
        var reads = hits + after.Misses - before.Misses;
        var label = !after.Caching ? "uncached" : after.Redis ? "cached (L1 + Redis)" : "cached (L1)";
        return new RunReport(
            label,
            latencies.Length,
            state.Errors,
            elapsed,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            Percentile(latencies, 0.99),
            reads == 0 ? null : (double)hits / reads,
            after.DatabaseQueries - before.DatabaseQueries);
    }

    private static double Percentile(long[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : Stopwatch.GetElapsedTime(0, sorted[(int)Math.Ceiling(quantile * sorted.Length) - 1]).TotalMilliseconds;

    /// <summary>Counts started, completed and failed requests across workers.</summary>
    private sealed class RunState(int? limit)
    {
        private long _started;
        private long _completed;
        private long _errors;

        public long Completed => Interlocked.Read(ref _completed);

        public long Errors => Interlocked.Read(ref _errors);

        public bool TryStart() => limit is not { } max || Interlocked.Increment(ref _started) <= max;

        public void Complete() => Interlocked.Increment(ref _completed);

        public void Failed() => Interlocked.Increment(ref _errors);
    }
}
