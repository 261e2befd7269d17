using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.SignatureAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class SignatureAnalyzerTests
{
    [Fact]
    public Task A_task_of_t_method_that_implements_the_interface_is_supported() =>
        Verify.VerifyAsync("""
            public interface ICatalog
            {
                Task<string> GetAsync(int id, CancellationToken ct = default);
                ValueTask<int> CountAsync();
                string Name(int id);
            }

            public sealed class Catalog : ICatalog
            {
                [Cached(Ttl = "10m")]
                public Task<string> GetAsync(int id, CancellationToken ct = default) => Task.FromResult("p");

                [Cached]
                public ValueTask<int> CountAsync() => new(1);

                [Cached]
                public string Name(int id) => "n";
            }
            """);

    [Fact]
    public Task A_method_declared_on_the_interface_itself_is_supported() =>
        Verify.VerifyAsync("""
            public interface ICatalog
            {
                [Cached(Ttl = "10m")]
                Task<string> GetAsync(int id);
            }
            """);

    [Fact]
    public Task An_explicit_interface_implementation_is_supported() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> GetAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                Task<string> ICatalog.GetAsync(int id) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task A_method_without_a_result_is_reported_on_its_return_type() =>
        Verify.VerifyAsync("""
            public interface ICatalog { void Touch(int id); Task RefreshAsync(int id); ValueTask WarmAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public {|CACHE004:void|} Touch(int id) { }

                [Cached]
                public {|CACHE004:Task|} RefreshAsync(int id) => Task.CompletedTask;

                [Cached]
                public {|CACHE004:ValueTask|} WarmAsync(int id) => default;
            }
            """);

    [Fact]
    public async Task The_message_says_what_to_change()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add("""
            public interface ICatalog { Task RefreshAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public {|#0:Task|} RefreshAsync(int id) => Task.CompletedTask;
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE004").WithLocation(0).WithMessage(
            "[Cached] on 'RefreshAsync' has no effect: it returns 'Task', so there is no result to cache; return Task<T>, ValueTask<T> or a value, or use [InvalidatesCache] on a write"));
        await test.RunAsync();
    }

    [Fact]
    public Task An_async_stream_is_reported_on_its_return_type() =>
        Verify.VerifyAsync("""
            public interface ICatalog { IAsyncEnumerable<string> AllAsync(); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public async {|CACHE004:IAsyncEnumerable<string>|} AllAsync()
                {
                    await Task.Yield();
                    yield return "p";
                }
            }
            """);

    [Fact]
    public Task Ref_and_out_parameters_are_reported_on_the_parameter() =>
        Verify.VerifyAsync("""
            public interface ICatalog { string Find(ref int id); string Parse(string s, out int id); string Read(in int id); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public string Find({|CACHE004:ref int id|}) => "p";

                [Cached]
                public string Parse(string s, {|CACHE004:out int id|}) { id = 1; return s; }

                [Cached]
                public string Read(in int id) => "p";
            }
            """);

    [Fact]
    public Task A_generic_method_of_the_interface_is_supported() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<T?> GetAsync<T>(int id); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public Task<T?> GetAsync<T>(int id) => Task.FromResult(default(T));
            }
            """);

    [Fact]
    public Task A_generic_write_is_reported_on_its_type_parameters() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task SetAsync<T>(int id, T value); }

            public sealed class Catalog : ICatalog
            {
                [InvalidatesCache("product:{id}")]
                public Task SetAsync{|CACHE004:<T>|}(int id, T value) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task A_static_method_is_reported_on_its_static_modifier() =>
        Verify.VerifyAsync("""
            public static class Prices
            {
                [Cached]
                public {|CACHE004:static|} decimal Of(int id) => 1m;
            }
            """);

    [Fact]
    public async Task A_method_no_interface_declares_is_reported_on_its_name_and_names_the_interface()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add("""
            public interface ICatalog { Task<string> GetAsync(int id); }

            public sealed class Catalog : ICatalog
            {
                public Task<string> GetAsync(int id) => Task.FromResult("p");

                [Cached]
                public Task<string> {|#0:SearchAsync|}(string text) => Task.FromResult(text);

                [InvalidatesCache("product:{id}")]
                public Task {|#1:SetPriceAsync|}(int id, decimal price) => Task.CompletedTask;
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE004").WithLocation(0).WithMessage(
            "[Cached] on 'SearchAsync' has no effect: no interface declares it, so no decorator can wrap it; declare it on the interface 'ICatalog', or make 'Catalog' partial and declare '[Cached] public partial Task<string> SearchAsync(...)', with its body in 'SearchAsyncCore'"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE004").WithLocation(1).WithMessage(
            "[InvalidatesCache] on 'SetPriceAsync' has no effect: no interface declares it, so no decorator can wrap it; declare it on the interface 'ICatalog', or make 'Catalog' partial and declare '[InvalidatesCache] public partial Task SetPriceAsync(...)', with its body in 'SetPriceAsyncCore'"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_class_without_any_interface_is_reported() =>
        Verify.VerifyAsync("""
            public sealed class Catalog
            {
                [Cached]
                public Task<string> {|CACHE004:GetAsync|}(int id) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task A_method_of_an_abstract_class_is_reported() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> GetAsync(int id); }

            public abstract class CatalogBase : ICatalog
            {
                [Cached]
                public virtual Task<string> {|CACHE004:GetAsync|}(int id) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task An_override_in_a_concrete_class_that_implements_the_interface_through_its_base_is_supported() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<string> GetAsync(int id); }

            public abstract class CatalogBase : ICatalog
            {
                public abstract Task<string> GetAsync(int id);
            }

            public sealed class Catalog : CatalogBase
            {
                [Cached]
                public override Task<string> GetAsync(int id) => Task.FromResult("p");
            }
            """);

    [Fact]
    public Task A_write_of_any_return_shape_on_the_interface_is_supported() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task SetPriceAsync(int id, decimal price); void Touch(int id); }

            public sealed class Catalog : ICatalog
            {
                [InvalidatesCache("product:{id}")]
                public Task SetPriceAsync(int id, decimal price) => Task.CompletedTask;

                [InvalidatesCache("product:{id}")]
                public void Touch(int id) { }
            }
            """);

    [Fact]
    public Task A_generic_service_class_is_reported_and_pointed_to_the_partial_form() =>
        Verify.VerifyAsync("""
            public interface IRepository<T> { Task<T?> FindAsync(int id); }

            public sealed class Repository<T> : IRepository<T>
            {
                [Cached]
                public Task<T?> {|CACHE004:FindAsync|}(int id) => Task.FromResult(default(T));
            }
            """);

    [Fact]
    public Task A_generic_interface_with_attributes_is_reported() =>
        Verify.VerifyAsync("""
            public interface IRepository<T>
            {
                [Cached]
                Task<T?> {|CACHE004:FindAsync|}(int id);
            }
            """);

    [Fact]
    public Task A_class_implementing_a_closed_generic_interface_is_supported() =>
        Verify.VerifyAsync("""
            public interface IRepository<T> { Task<T?> FindAsync(int id); }

            public sealed class Names : IRepository<string>
            {
                [Cached]
                public Task<string?> FindAsync(int id) => Task.FromResult<string?>("p");
            }
            """);

    [Fact]
    public Task A_partial_method_with_a_cache_and_a_core_is_supported_without_an_interface() =>
        Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Hybrid;

            public sealed partial class Catalog(HybridCache cache)
            {
                [Cached]
                public partial Task<string> GetAsync(int id, CancellationToken ct = default);

                [InvalidatesCache("product:{id}")]
                public partial Task SetAsync(int id);

                private Task<string> GetAsyncCore(int id, CancellationToken ct = default) => Task.FromResult("p");

                private Task SetAsyncCore(int id) => Task.CompletedTask;

                public partial Task<string> GetAsync(int id, CancellationToken ct) => GetAsyncCore(id, ct);

                public partial Task SetAsync(int id) => SetAsyncCore(id);
            }
            """);

    [Fact]
    public Task A_generic_partial_method_of_a_generic_type_is_supported() =>
        Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Hybrid;

            public abstract class CachingBase
            {
                protected HybridCache Cache { get; init; } = null!;
            }

            public sealed partial class Lookup<TKey> : CachingBase
            {
                [Cached]
                public partial Task<T?> FindAsync<T>(TKey key) where T : class;

                private Task<TValue?> FindAsyncCore<TValue>(TKey key) where TValue : class => Task.FromResult<TValue?>(null);

                public partial Task<T?> FindAsync<T>(TKey key) where T : class => FindAsyncCore<T>(key);
            }
            """);

    [Fact]
    public Task A_partial_method_implementing_an_interface_is_supported() =>
        Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Hybrid;

            public interface ICatalog { Task<string> GetAsync(int id); }

            public sealed partial class Catalog : ICatalog
            {
                private readonly HybridCache _cache;

                public Catalog(HybridCache cache) => _cache = cache;

                [Cached]
                public partial Task<string> GetAsync(int id);

                private async Task<string> GetAsyncCore(int id) { await Task.Yield(); return "p"; }

                public partial Task<string> GetAsync(int id) => GetAsyncCore(id);
            }
            """);

    [Fact]
    public Task A_core_inherited_from_a_base_class_is_found_but_not_a_private_one() =>
        Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Hybrid;

            public abstract class CatalogBase
            {
                protected Task<string> GetAsyncCore(int id) => Task.FromResult("p");

                private Task<string> CountAsyncCore(int id) => Task.FromResult("c");
            }

            public sealed partial class Catalog(HybridCache cache) : CatalogBase
            {
                [Cached]
                public partial Task<string> GetAsync(int id);

                [Cached]
                public partial Task<string> {|CACHE004:CountAsync|}(int id);

                public partial Task<string> GetAsync(int id) => GetAsyncCore(id);

                public partial Task<string> CountAsync(int id) => Task.FromResult("c");
            }
            """);

    [Fact]
    public Task A_static_partial_method_is_reported_on_its_static_modifier() =>
        Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Hybrid;

            public sealed partial class Prices(HybridCache cache)
            {
                [Cached]
                public {|CACHE004:static|} partial decimal Of(int id);

                private static decimal OfCore(int id) => 1m;

                public static partial decimal Of(int id) => OfCore(id);
            }
            """);

    [Fact]
    public async Task A_partial_method_without_its_core_is_reported_on_its_name()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add("""
            using Microsoft.Extensions.Caching.Hybrid;

            public sealed partial class Catalog(HybridCache cache)
            {
                [Cached]
                public partial Task<string> {|#0:GetAsync|}(int id, CancellationToken ct = default);

                public partial Task<string> GetAsync(int id, CancellationToken ct) => Task.FromResult("p");
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE004").WithLocation(0).WithMessage(
            "[Cached] on 'GetAsync' has no effect: the generated 'GetAsync' runs 'GetAsyncCore' on a miss, and there is none; write the body as 'Task<string> GetAsyncCore(int id, CancellationToken ct)'"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_core_with_other_parameters_is_reported() =>
        Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Hybrid;

            public sealed partial class Catalog(HybridCache cache)
            {
                [Cached]
                public partial Task<string> {|CACHE004:GetAsync|}(int id);

                private Task<string> GetAsyncCore(long id) => Task.FromResult("p");

                public partial Task<string> GetAsync(int id) => GetAsyncCore(id);
            }
            """);

    [Fact]
    public Task A_core_with_another_return_type_is_reported() =>
        Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Hybrid;

            public sealed partial class Catalog(HybridCache cache)
            {
                [Cached]
                public partial ValueTask<string> {|CACHE004:GetAsync|}(int id);

                private Task<string> GetAsyncCore(int id) => Task.FromResult("p");

                public partial ValueTask<string> GetAsync(int id) => new(GetAsyncCore(id));
            }
            """);

    [Fact]
    public async Task A_partial_type_without_a_hybrid_cache_is_reported_once_on_its_name()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add("""
            public sealed partial class {|#0:Catalog|}
            {
                [Cached]
                public partial Task<string> GetAsync(int id);

                [Cached]
                public partial Task<string> ByNameAsync(string name);

                private Task<string> GetAsyncCore(int id) => Task.FromResult("p");

                private Task<string> ByNameAsyncCore(string name) => Task.FromResult(name);

                public partial Task<string> GetAsync(int id) => GetAsyncCore(id);

                public partial Task<string> ByNameAsync(string name) => ByNameAsyncCore(name);
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CACHE013", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
            "'Catalog' declares partial [Cached] or [InvalidatesCache] methods such as 'GetAsync', but has no HybridCache field, property or primary-constructor parameter to cache through, so the generator implements none of them; add one"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_partial_struct_and_a_partial_record_without_a_hybrid_cache_are_reported() =>
        Verify.VerifyAsync("""
            public partial struct {|CACHE013:Rates|}
            {
                [InvalidatesCache("rates")]
                public partial void Reset();

                private void ResetCore() { }

                public partial void Reset() => ResetCore();
            }

            public sealed partial record {|CACHE013:Settings|}(string Name)
            {
                [Cached]
                public partial string Get(string key);

                private string GetCore(string key) => key;

                public partial string Get(string key) => GetCore(key);
            }
            """);

    [Fact]
    public Task A_private_hybrid_cache_of_a_base_class_is_not_seen() =>
        Verify.VerifyAsync("""
            using Microsoft.Extensions.Caching.Hybrid;

            public abstract class CachingBase(HybridCache cache)
            {
                private readonly HybridCache _cache = cache;

                protected HybridCache Unused() => _cache;
            }

            public sealed partial class {|CACHE013:Catalog|}() : CachingBase(null!)
            {
                [Cached]
                public partial Task<string> GetAsync(int id);

                private Task<string> GetAsyncCore(int id) => Task.FromResult("p");

                public partial Task<string> GetAsync(int id) => GetAsyncCore(id);
            }
            """);
}
