using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShopApi.Data;
using ShopApi.Web.Auth;

namespace ShopApi.Tests;

/// <summary>Hosts the sample on its own SQLite file with a small shop and counts the queries it sends.</summary>
/// <param name="caching">Sets <c>Shop:Caching</c>: <c>false</c> hosts the uncached baseline.</param>
/// <param name="settings">More configuration, such as <c>ConnectionStrings:Redis</c>.</param>
public sealed class ShopApiFactory(bool caching = true, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>An admin's key (customer 1).</summary>
    public const string AdminKey = "test-admin-key-0123456789";

    /// <summary>A customer's key (customer 2).</summary>
    public const string CustomerKey = "test-customer-key-0123456789";

    /// <summary>Products in the test shop.</summary>
    public const int Products = 200;

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"shop-tests-{Guid.NewGuid():N}.db");
    private QueryCounter? _queries;

    /// <summary>Counts every command the app sends to the database.</summary>
    public QueryCounter Queries => _queries ??= new QueryCounter(Services.GetRequiredService<DatabaseCommandCounter>());

    /// <summary>A client that sends <paramref name="apiKey"/> as <c>X-Api-Key</c> on every request.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        return client;
    }

    /// <summary>
    /// Waits for the Redis connection, then creates the engine over it. A node connects to Redis in the background and
    /// skips L2 until it has: on a busy machine that can outlast the engine's one-second wait at startup.
    /// </summary>
    public async Task ConnectToRedisAsync()
    {
        var multiplexer = Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!multiplexer.IsConnected)
        {
            await Task.Delay(20, guard.Token);
        }

        Services.GetRequiredService<Cached.CacheEngine>();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Shop", $"Data Source={_databasePath}");
        builder.UseSetting("Seed:Products", Products.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Seed:Categories", "5");
        builder.UseSetting("Seed:Users", "20");
        builder.UseSetting("Seed:Orders", "300");
        builder.UseSetting("Shop:Caching", caching ? "true" : "false");
        builder.UseSetting("Auth:ApiKeys:0:Key", AdminKey);
        builder.UseSetting("Auth:ApiKeys:0:UserId", "1");
        builder.UseSetting("Auth:ApiKeys:0:Admin", "true");
        builder.UseSetting("Auth:ApiKeys:1:Key", CustomerKey);
        builder.UseSetting("Auth:ApiKeys:1:UserId", "2");
        builder.UseSetting("Auth:ApiKeys:1:Admin", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databasePath);
    }
}

/// <summary>The app's own database command count, from a baseline that a test can move.</summary>
public sealed class QueryCounter(DatabaseCommandCounter counter)
{
    private long _baseline;

    /// <summary>Commands sent since the last <see cref="Reset"/> (or since the app started).</summary>
    public long Count => counter.Count - Interlocked.Read(ref _baseline);

    /// <summary>Starts counting from now.</summary>
    public void Reset() => Interlocked.Exchange(ref _baseline, counter.Count);
}
