using Microsoft.Extensions.DependencyInjection;

namespace Cached.Generator.Tests;

/// <summary>End to end over Cached's engine: write-through, negative caching and write-behind as the generated decorator applies them.</summary>
public sealed class StrategyBehaviourTests
{
    private static readonly Lazy<LiveService> s_live = new(() => new LiveService("LiveStrategies", Source));

    [Fact]
    public async Task A_write_through_write_stores_its_result_so_the_next_read_runs_no_factory()
    {
        using var provider = Provider();
        var profiles = provider.GetRequiredService(Live.Type("IProfiles"));

        await Live.CallOn("IProfiles", profiles, "GetAsync", 1, CancellationToken.None);
        await Live.CallOn("IProfiles", profiles, "RenameAsync", 1, "Ada", CancellationToken.None);
        var read = await Live.CallOn("IProfiles", profiles, "GetAsync", 1, CancellationToken.None);

        Assert.Equal("Ada", read!.GetType().GetProperty("Name")!.GetValue(read));
        Assert.Equal(1, Live.Count(provider, "Reads"));
    }

    [Fact]
    public async Task A_null_result_is_cached_only_with_CacheNull()
    {
        using var provider = Provider();
        var profiles = provider.GetRequiredService(Live.Type("IProfiles"));

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await Live.CallOn("IProfiles", profiles, "FindAsync", "nobody", CancellationToken.None));
            Assert.Null(await Live.CallOn("IProfiles", profiles, "LookupAsync", "nobody", CancellationToken.None));
        }

        Assert.Equal(1, Live.Count(provider, "Finds"));
        Assert.Equal(3, Live.Count(provider, "Lookups"));
    }

    [Fact]
    public async Task Without_Redis_a_write_behind_write_runs_inline_with_an_idempotency_key_then_invalidates()
    {
        using var provider = Provider();
        var engine = provider.GetRequiredService<CacheEngine>();
        await engine.SetAsync("views|1", 10, tags: ["views:1"]);
        var views = provider.GetRequiredService(Live.Type("IViews"));

        await Live.CallOn("IViews", views, "RecordAsync", 1, CancellationToken.None);

        var calls = provider.GetRequiredService(Live.Type("Calls"));
        Assert.Equal(1, Live.Count(provider, "Views"));
        Assert.Equal(32, ((string)Live.Type("Calls").GetField("LastKey")!.GetValue(calls)!).Length);
        Assert.False(engine.TryGet<int>("views|1", out _), "the write's tag was invalidated");
    }

    [Fact]
    public void AddCachedDecorators_registers_the_write_behind_operations_for_the_flusher()
    {
        using var provider = Provider();

        var operation = Assert.Single(provider.GetServices<Cached.Generated.WriteBehindOperation>());
        Assert.Equal("Shop.Live.Views.RecordAsync(int,System.Threading.CancellationToken)", operation.Name);
    }

    private static LiveService Live => s_live.Value;

    private static ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddCached(_ => { });
        services.AddSingleton(Live.Type("Calls"));
        services.AddSingleton(Live.Type("IProfiles"), Live.Type("Profiles"));
        services.AddSingleton(Live.Type("IViews"), Live.Type("Views"));
        Live.AddCachedDecorators(services);
        return services.BuildServiceProvider();
    }

    private const string Source = """
        using System.Threading;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Live;

        public sealed class Calls
        {
            public int Reads;
            public int Finds;
            public int Lookups;
            public int Views;
            public string? LastKey;
        }

        public interface IViews
        {
            Task RecordAsync(int productId, CancellationToken ct = default);
        }

        public sealed class Views(Calls calls) : IViews
        {
            [WriteBehind]
            [InvalidatesCache("views:{productId}")]
            public Task RecordAsync(int productId, CancellationToken ct = default)
            {
                Interlocked.Increment(ref calls.Views);
                calls.LastKey = WriteBehindCall.Current?.IdempotencyKey;
                return Task.CompletedTask;
            }
        }

        public sealed record Profile(int Id, string Name);

        public interface IProfiles
        {
            Task<Profile?> GetAsync(int id, CancellationToken ct = default);

            Task<Profile> RenameAsync(int id, string name, CancellationToken ct = default);

            Task<Profile?> FindAsync(string email, CancellationToken ct = default);

            Task<Profile?> LookupAsync(string email, CancellationToken ct = default);
        }

        public sealed class Profiles(Calls calls) : IProfiles
        {
            [Cached(Ttl = "10m", Strategy = CacheStrategy.WriteThrough, Tags = ["profile:{id}"])]
            public Task<Profile?> GetAsync(int id, CancellationToken ct = default)
            {
                Interlocked.Increment(ref calls.Reads);
                return Task.FromResult<Profile?>(new Profile(id, "before"));
            }

            [InvalidatesCache("profile:{id}", Methods = [nameof(GetAsync)])]
            public Task<Profile> RenameAsync(int id, string name, CancellationToken ct = default) => Task.FromResult(new Profile(id, name));

            [Cached(Ttl = "10m", CacheNull = true, NullTtl = "30s", StaleFor = "1m")]
            public Task<Profile?> FindAsync(string email, CancellationToken ct = default)
            {
                Interlocked.Increment(ref calls.Finds);
                return Task.FromResult<Profile?>(null);
            }

            [Cached(Ttl = "10m", L1Only = true)]
            public Task<Profile?> LookupAsync(string email, CancellationToken ct = default)
            {
                Interlocked.Increment(ref calls.Lookups);
                return Task.FromResult<Profile?>(null);
            }
        }
        """;
}
