using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;

namespace Cached.Generator.Tests;

/// <summary>A service compiled with the generator into an in-memory assembly, loaded, and driven through reflection.</summary>
internal sealed class LiveService
{
    private static readonly Lazy<LiveService> s_catalog = new(() => new LiveService("LiveApp", Source));

    private readonly string _assemblyName;

    /// <summary>Compiles <paramref name="source"/> (namespace <c>Shop.Live</c>) with the generator into <paramref name="assemblyName"/>.</summary>
    internal LiveService(string assemblyName, string source)
    {
        _assemblyName = assemblyName;
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(assemblyName, [source]));
        run.AssertCompilesCleanly();
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;

        // Its references (Cached, HybridCache, DI) resolve from the default context: the same types as the test's.
        Assembly = new AssemblyLoadContext(assemblyName).LoadFromStream(image);
    }

    public static LiveService Catalog => s_catalog.Value;

    public Assembly Assembly { get; }

    public Type Type(string name) => Assembly.GetType("Shop.Live." + name, throwOnError: true)!;

    public IServiceCollection AddCachedDecorators(IServiceCollection services)
    {
        var registration = Assembly.GetType("Microsoft.Extensions.DependencyInjection.CachedDecorators_" + _assemblyName, throwOnError: true)!;
        return (IServiceCollection)registration.GetMethod("AddCachedDecorators")!.Invoke(null, [services])!;
    }

    /// <summary>Calls <paramref name="method"/> of <c>ICatalog</c> on <paramref name="service"/>, awaiting a task.</summary>
    public Task<object?> Call(object service, string method, params object?[] arguments)
        => CallOn("ICatalog", service, method, arguments);

    /// <summary>Calls <paramref name="method"/> of the interface <paramref name="serviceType"/> on <paramref name="service"/>, awaiting a task.</summary>
    public async Task<object?> CallOn(string serviceType, object service, string method, params object?[] arguments)
    {
        object? returned;
        try
        {
            returned = Type(serviceType).GetMethod(method)!.Invoke(service, arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw exception.InnerException;
        }

        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        return task.GetType().GetProperty("Result")?.GetValue(task);
    }

    public int Count(IServiceProvider provider, string counter)
    {
        var calls = provider.GetRequiredService(Type("Calls"));
        return (int)Type("Calls").GetField(counter)!.GetValue(calls)!;
    }

    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Live;

        public sealed class Calls
        {
            public int Reads;
            public int SyncReads;
            public int Writes;
            public int Disposals;
        }

        public sealed record Product(int Id, string Category, decimal Price);

        public sealed class Basket
        {
            public int Id { get; set; }

            public List<string> Items { get; set; } = [];
        }

        public interface ICatalog
        {
            Task<Product?> GetProductAsync(int id, CancellationToken ct = default);

            Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default);

            Task TouchAsync(int id);

            Task<Basket> GetBasketAsync(int id, CancellationToken ct = default);

            decimal Price(int id);

            string Name { get; }
        }

        public sealed class Catalog(Calls calls) : ICatalog, IDisposable
        {
            [Cached(Ttl = "10m", Tags = ["product:{id}"])]
            public Task<Product?> GetProductAsync(int id, CancellationToken ct = default)
            {
                var reads = Interlocked.Increment(ref calls.Reads);
                return Task.FromResult<Product?>(new Product(id, "tea", reads));
            }

            [InvalidatesCache("category:{result.Category}", Methods = [nameof(GetProductAsync)])]
            public Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default)
            {
                if (price < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(price));
                }

                Interlocked.Increment(ref calls.Writes);
                return Task.FromResult(new Product(id, "tea", price));
            }

            [InvalidatesCache("product:{id}")]
            public Task TouchAsync(int id) => Task.CompletedTask;

            [Cached(Ttl = "10m")]
            public Task<Basket> GetBasketAsync(int id, CancellationToken ct = default)
            {
                Interlocked.Increment(ref calls.Reads);
                return Task.FromResult(new Basket { Id = id, Items = ["tea"] });
            }

            [Cached(Ttl = "10m")]
            public decimal Price(int id) => Interlocked.Increment(ref calls.SyncReads);

            public string Name => "live";

            public void Dispose() => Interlocked.Increment(ref calls.Disposals);
        }

        public static class Probe
        {
            /// <summary>Bytes allocated by <paramref name="calls"/> hits of each cached method, after a warm-up.</summary>
            public static long AllocatedByHits(ICatalog catalog, int calls)
            {
                for (var i = 0; i < 2; i++)
                {
                    catalog.GetProductAsync(1).GetAwaiter().GetResult();
                    catalog.Price(7);
                }

                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < calls; i++)
                {
                    _ = catalog.GetProductAsync(1);
                    _ = catalog.Price(7);
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            /// <summary>What a third caller of a mutable result sees after the first two changed theirs; "(shared)" if it got one of their instances.</summary>
            public static async Task<string> MutableResultAfterCallersChangedIt(ICatalog catalog)
            {
                var first = await catalog.GetBasketAsync(1);
                first.Items.Add("changed by the first caller");
                var second = await catalog.GetBasketAsync(1);
                second.Items.Add("changed by the second caller");
                var third = await catalog.GetBasketAsync(1);
                return string.Join(",", third.Items) + (ReferenceEquals(third, first) || ReferenceEquals(third, second) ? " (shared)" : "");
            }

            /// <summary>Whether two hits of an immutable result return the same instance.</summary>
            public static async Task<bool> ImmutableResultIsShared(ICatalog catalog)
            {
                await catalog.GetProductAsync(1);
                return ReferenceEquals(await catalog.GetProductAsync(1), await catalog.GetProductAsync(1));
            }
        }

        public sealed class OtherCatalog : ICatalog
        {
            public Task<Product?> GetProductAsync(int id, CancellationToken ct = default) => Task.FromResult<Product?>(null);

            public Task<Product> SetPriceAsync(int id, decimal price, CancellationToken ct = default) => throw new NotSupportedException();

            public Task TouchAsync(int id) => Task.CompletedTask;

            public Task<Basket> GetBasketAsync(int id, CancellationToken ct = default) => Task.FromResult(new Basket());

            public decimal Price(int id) => 0;

            public string Name => "other";
        }
        """;
}
