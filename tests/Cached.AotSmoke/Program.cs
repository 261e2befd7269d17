using System.Text.Json;
using System.Text.Json.Serialization;
using Cached;
using Cached.AotSmoke;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

// Exit code 0 and "cache hit" lines when every cached call ran its inner method once; 1 otherwise.
var services = new ServiceCollection();
services.AddCached(options => options.JsonSerializerOptions = new JsonSerializerOptions { TypeInfoResolver = SmokeJson.Default });
services.AddSingleton<Calls>();
services.AddSingleton<IQuotes, Quotes>();
services.AddSingleton<Ledger>();
services.AddCachedDecorators();

using var provider = services.BuildServiceProvider();
var calls = provider.GetRequiredService<Calls>();
var quotes = provider.GetRequiredService<IQuotes>();
var ledger = provider.GetRequiredService<Ledger>();

var query = new QuoteQuery("EUR", ["tea", "coffee"]);
var first = await quotes.QuoteAsync(query);
var second = await quotes.QuoteAsync(query with { Items = ["tea", "coffee"] });
Check(calls.Quotes == 1 && first == second, $"decorator: inner ran {calls.Quotes} times");

// A mutable result: each caller gets its own generated copy (the public field shows it is not the serializer's).
var basket = await quotes.BasketAsync(1);
basket.Items.Add("changed");
var copy = await quotes.BasketAsync(1);
Check(calls.Baskets == 1 && copy.Items.Count == 1 && copy.Owner == "ann", $"generated copy: inner ran {calls.Baskets} times, items {copy.Items.Count}, owner '{copy.Owner}'");

await ledger.BalanceAsync(7);
await ledger.BalanceAsync(7);
Check(calls.Balances == 1, $"partial method: inner ran {calls.Balances} times");
await ledger.PostAsync(7, 5m);
await ledger.BalanceAsync(7);
Check(calls.Balances == 2, $"partial method after a write: inner ran {calls.Balances} times");

return 0;

static void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "cache hit: " : "FAILED: ") + what);
    if (!ok)
    {
        Environment.Exit(1);
    }
}

namespace Cached.AotSmoke
{
    public sealed class Calls
    {
        public int Quotes;
        public int Balances;
        public int Baskets;
    }

    public sealed class Basket
    {
        public List<string> Items { get; set; } = [];

        public string Owner = "";
    }

    public sealed record QuoteQuery(string Currency, IReadOnlyList<string> Items);

    public sealed record Quote(string Currency, decimal Total, int Run);

    public interface IQuotes
    {
        Task<Quote> QuoteAsync(QuoteQuery query, CancellationToken ct = default);

        Task<Basket> BasketAsync(int id);
    }

    public sealed class Quotes(Calls calls) : IQuotes
    {
        [Cached(Ttl = "1m", Tags = ["quotes:{query.Currency}"])]
        public Task<Quote> QuoteAsync(QuoteQuery query, CancellationToken ct = default) =>
            Task.FromResult(new Quote(query.Currency, query.Items.Count * 2.5m, Interlocked.Increment(ref calls.Quotes)));

        // CACHE009 is the point here: a mutable result, copied for each caller.
#pragma warning disable CACHE009
        [Cached(Ttl = "1m")]
        public Task<Basket> BasketAsync(int id)
        {
            Interlocked.Increment(ref calls.Baskets);
            return Task.FromResult(new Basket { Items = ["tea"], Owner = "ann" });
        }
#pragma warning restore CACHE009
    }

    public sealed partial class Ledger(HybridCache cache, Calls calls)
    {
        [Cached(Ttl = "1m", Tags = ["account:{account}"])]
        public partial ValueTask<decimal> BalanceAsync(int account);

        [InvalidatesCache("account:{account}")]
        public partial Task PostAsync(int account, decimal amount);

        private ValueTask<decimal> BalanceAsyncCore(int account) => new(Interlocked.Increment(ref calls.Balances) * 10m);

        private Task PostAsyncCore(int account, decimal amount) => Task.CompletedTask;
    }

    /// <summary>Source-generated System.Text.Json metadata for every cached result type: no reflection under AOT.</summary>
    [JsonSerializable(typeof(Quote))]
    [JsonSerializable(typeof(Basket))]
    [JsonSerializable(typeof(decimal))]
    internal sealed partial class SmokeJson : JsonSerializerContext;
}
