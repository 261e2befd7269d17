using System.Globalization;

namespace ShopApi.LoadGen;

/// <summary>The load generator's arguments.</summary>
/// <param name="Url">The ShopApi to load (with caching on).</param>
/// <param name="BaselineUrl">A second ShopApi started with <c>Shop:Caching=false</c>, to compare against; optional.</param>
/// <param name="Workload">What to send.</param>
/// <param name="JsonPath">Where to write the figures as JSON; optional.</param>
public sealed record CommandLine(Uri Url, Uri? BaselineUrl, Workload Workload, string? JsonPath)
{
    public const string Usage = """
        usage: ShopApi.LoadGen --url URL [--baseline-url URL] [--duration SECONDS | --requests N] [--concurrency N]
                               [--zipf S] [--writes RATIO] [--products N] [--seed N] [--admin-key KEY] [--json FILE]

          --url           a running ShopApi (caching on), e.g. http://127.0.0.1:5080
          --baseline-url  the same API started with Shop__Caching=false, for the with/without comparison
          --duration      seconds per run (default 30)       --requests   a fixed number of requests per run instead
          --concurrency   requests in flight (default 16)    --zipf       Zipf exponent (default 0.99)
          --writes        share of price changes (default 0.01)
          --products      product ids 1..N to request (default 10000, the sample's seed size)
          --seed          random seed (default 1)            --admin-key  key for price changes (default: appsettings.json's)
          --json          also write the figures to this file
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="FormatException"/> naming the bad argument.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new FormatException($"Expected '--name value' at '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        var defaults = new Workload();
        var workload = new Workload
        {
            Duration = TimeSpan.FromSeconds(Number(values, "duration", defaults.Duration.TotalSeconds, min: 1)),
            Requests = values.ContainsKey("requests") ? (int)Number(values, "requests", 0, min: 1) : null,
            Concurrency = (int)Number(values, "concurrency", defaults.Concurrency, min: 1),
            ZipfExponent = Number(values, "zipf", defaults.ZipfExponent, min: 0),
            WriteRatio = Number(values, "writes", defaults.WriteRatio, min: 0, max: 1),
            Products = (int)Number(values, "products", defaults.Products, min: 1),
            Seed = (int)Number(values, "seed", defaults.Seed, min: 0),
            AdminKey = values.GetValueOrDefault("admin-key", defaults.AdminKey),
        };
        var url = UrlArgument(values, "url") ?? throw new FormatException("--url is required.");
        var unknown = values.Keys.Except(["url", "baseline-url", "duration", "requests", "concurrency", "zipf", "writes", "products", "seed", "admin-key", "json"]).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException($"Unknown argument --{unknown[0]}.");
        }

        return new CommandLine(url, UrlArgument(values, "baseline-url"), workload, values.GetValueOrDefault("json"));
    }

    private static double Number(Dictionary<string, string> values, string name, double fallback, double min, double max = double.MaxValue)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"--{name} must be a number between {min} and {max}, not '{text}'.");
    }

    // A trailing slash makes relative request paths resolve under the API's base path.
    private static Uri? UrlArgument(Dictionary<string, string> values, string name) =>
        !values.TryGetValue(name, out var text) ? null
        : Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) ? uri
        : throw new FormatException($"--{name} must be an absolute URL, not '{text}'.");
}
