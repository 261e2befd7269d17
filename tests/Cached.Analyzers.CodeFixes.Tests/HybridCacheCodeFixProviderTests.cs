using Verify = Cached.Analyzers.CodeFixes.Tests.Verification.PartialModeVerifier<Cached.Analyzers.CodeFixes.HybridCacheCodeFixProvider>;

namespace Cached.Analyzers.CodeFixes.Tests;

/// <remarks>
/// Before the fix the generator implements nothing (no cache to implement over), so the compiler also reports the
/// unimplemented partial method (CS8795); after it, the generated implementation compiles.
/// </remarks>
public class HybridCacheCodeFixProviderTests
{
    [Fact]
    public Task A_primary_constructor_takes_the_cache() =>
        Verify.VerifyFixAsync("""
            public sealed partial class {|CACHE013:Catalog|}(string prefix)
            {
                [Cached(Ttl = "5m")]
                public partial Task<string> {|CS8795:GetAsync|}(int id);

                private Task<string> GetAsyncCore(int id) => Task.FromResult(prefix + id);
            }
            """, """
            using Microsoft.Extensions.Caching.Hybrid;

            public sealed partial class Catalog(string prefix, HybridCache cache)
            {
                [Cached(Ttl = "5m")]
                public partial Task<string> GetAsync(int id);

                private Task<string> GetAsyncCore(int id) => Task.FromResult(prefix + id);
            }
            """);

    [Fact]
    public Task A_type_without_constructors_gets_a_primary_constructor() =>
        Verify.VerifyFixAsync("""
            namespace Shop;

            public partial class {|CACHE013:Prices|}<TKey> where TKey : notnull
            {
                [Cached]
                public partial decimal {|CS8795:Of|}(TKey key);

                [InvalidatesCache("prices")]
                public partial void {|CS8795:Reset|}();

                private decimal OfCore(TKey key) => 1m;

                private void ResetCore() { }
            }
            """, """
            using Microsoft.Extensions.Caching.Hybrid;

            namespace Shop;

            public partial class Prices<TKey>(HybridCache cache) where TKey : notnull
            {
                [Cached]
                public partial decimal Of(TKey key);

                [InvalidatesCache("prices")]
                public partial void Reset();

                private decimal OfCore(TKey key) => 1m;

                private void ResetCore() { }
            }
            """);

    [Fact]
    public Task A_record_with_constructors_gets_a_field_every_constructor_assigns() =>
        Verify.VerifyFixAsync("""
            using Microsoft.Extensions.Caching.Hybrid;

            public sealed partial record {|CACHE013:Settings|}
            {
                public Settings(string name) => Name = name;

                public Settings(string name, int version) : this(name) => Version = version;

                public string Name { get; }

                public int Version { get; }

                [Cached]
                public partial Task<string> {|CS8795:GetAsync|}(string key, CancellationToken ct = default);

                private Task<string> GetAsyncCore(string key, CancellationToken ct = default) => Task.FromResult(Name + key);
            }
            """, """
            using Microsoft.Extensions.Caching.Hybrid;

            public sealed partial record Settings
            {
                private readonly HybridCache _cache;

                public Settings(string name, HybridCache cache)
                {
                    Name = name;
                    _cache = cache;
                }

                public Settings(string name, int version, HybridCache cache) : this(name, cache) => Version = version;

                public string Name { get; }

                public int Version { get; }

                [Cached]
                public partial Task<string> GetAsync(string key, CancellationToken ct = default);

                private Task<string> GetAsyncCore(string key, CancellationToken ct = default) => Task.FromResult(Name + key);
            }
            """);

    [Fact]
    public Task A_record_without_constructors_gets_one_that_assigns_a_field() =>
        Verify.VerifyFixAsync("""
            public sealed partial record {|CACHE013:Rates|}
            {
                public string Currency { get; init; } = "EUR";

                [Cached]
                public partial decimal {|CS8795:Of|}(string to);

                private decimal OfCore(string to) => to == Currency ? 1m : 2m;
            }
            """, """
            using Microsoft.Extensions.Caching.Hybrid;

            public sealed partial record Rates
            {
                private readonly HybridCache _cache;

                public Rates(HybridCache cache)
                {
                    _cache = cache;
                }

                public string Currency { get; init; } = "EUR";

                [Cached]
                public partial decimal Of(string to);

                private decimal OfCore(string to) => to == Currency ? 1m : 2m;
            }
            """);
}
