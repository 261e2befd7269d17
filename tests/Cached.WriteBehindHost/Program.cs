// The write-behind durability test's host. Modes:
//   produce <n>   journal writes 1..n (printing "ACK i" once each is journaled) while the flusher executes them
//                 (printing "APPLIED i" once each has committed); then wait to be killed
//   flush         execute whatever the journal holds (taking over the calls of dead flushers), print "DRAINED", exit
//   report        print "EFFECT i" for every effect row in the database
// Options: --redis <configuration> --prefix <key prefix> --db <sqlite file> --delay-ms <pause after each commit>
using Cached.Generated;
using Cached.WriteBehindHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var options = HostOptions.Parse(args);
var services = new ServiceCollection();
services.AddCached(o =>
{
    o.Redis = options.Redis;
    o.KeyPrefix = options.Prefix;
    o.L2.Timeout = "5s";
});
services.AddDbContext<CounterDb>(db => db.UseSqlite($"Data Source={options.Database};Default Timeout=30"));
services.AddSingleton(options);
services.AddScoped<CounterWrites>();
services.AddWriteBehindOperation(CounterWrites.Method);
services.AddCachedWriteBehind(o =>
{
    o.BatchSize = 16;
    o.PollInterval = TimeSpan.FromMilliseconds(20);
    o.ClaimIdle = TimeSpan.FromSeconds(1);
    o.RetryDelay = TimeSpan.FromMilliseconds(10);
});
await using var provider = services.BuildServiceProvider();

await using (var scope = provider.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<CounterDb>().Database.EnsureCreatedAsync();
}

switch (options.Mode)
{
    case "report":
        await using (var scope = provider.CreateAsyncScope())
        {
            foreach (var effect in await scope.ServiceProvider.GetRequiredService<CounterDb>().Effects.Select(e => e.WriteNo).ToListAsync())
            {
                Console.WriteLine($"EFFECT {effect}");
            }
        }

        return 0;

    case "produce":
        await StartHostedAsync(provider);
        var cache = provider.GetRequiredService<HybridCache>();
        for (var i = 1; i <= options.Count; i++)
        {
            await CounterWrites.Method.InvokeAsync(cache, new RecordArgs(i), provider, static (_, _, _) => throw new InvalidOperationException("journaled, never inline"), default);
            Console.WriteLine($"ACK {i}");
        }

        await Task.Delay(Timeout.Infinite);
        return 0;

    case "flush":
        var hosted = await StartHostedAsync(provider);
        var db = provider.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase();
        var stream = $"{{{options.Prefix}:wb}}:stream";
        while (await db.StreamLengthAsync(stream) > 0)
        {
            await Task.Delay(50);
        }

        foreach (var service in hosted)
        {
            await service.StopAsync(default);
        }

        Console.WriteLine("DRAINED");
        return 0;

    default:
        Console.Error.WriteLine($"unknown mode '{options.Mode}'");
        return 2;
}

static async Task<List<IHostedService>> StartHostedAsync(IServiceProvider provider)
{
    var hosted = provider.GetServices<IHostedService>().ToList();
    foreach (var service in hosted)
    {
        await service.StartAsync(default);
    }

    return hosted;
}
