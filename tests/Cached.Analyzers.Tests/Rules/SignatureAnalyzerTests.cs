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
    public Task A_generic_method_is_reported_on_its_type_parameters() =>
        Verify.VerifyAsync("""
            public interface ICatalog { Task<T?> GetAsync<T>(int id); }

            public sealed class Catalog : ICatalog
            {
                [Cached]
                public Task<T?> GetAsync{|CACHE004:<T>|}(int id) => Task.FromResult(default(T));
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
            "[Cached] on 'SearchAsync' has no effect: no interface declares it, so no decorator can wrap it; declare it on the interface 'ICatalog'"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CACHE004").WithLocation(1).WithMessage(
            "[InvalidatesCache] on 'SetPriceAsync' has no effect: no interface declares it, so no decorator can wrap it; declare it on the interface 'ICatalog'"));
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
    public Task A_partial_method_without_an_interface_is_reported_once() =>
        Verify.VerifyAsync("""
            public sealed partial class Catalog
            {
                [Cached]
                public partial Task<string> {|CACHE004:GetAsync|}(int id);

                public partial Task<string> GetAsync(int id) => Task.FromResult("p");
            }
            """);
}
