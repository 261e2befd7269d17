using Microsoft.Extensions.DependencyInjection;

namespace Cached.Generator.Tests;

/// <summary>End to end over Cached's engine: write-through and negative caching as the generated decorator applies them.</summary>
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

    private static LiveService Live => s_live.Value;

    private static ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddCached(_ => { });
        services.AddSingleton(Live.Type("Calls"));
        services.AddSingleton(Live.Type("IProfiles"), Live.Type("Profiles"));
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
