using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Cached.Analyzers.Tests.Verification.AnalyzerVerifier<Cached.Analyzers.Rules.MutableResultAnalyzer>;

namespace Cached.Analyzers.Tests.Rules;

public class MutableResultAnalyzerTests
{
    private const string Types = """

        public class ProductEntity { public int Id { get; set; } public string Name { get; set; } = ""; }
        public record ProductDto(int Id, string Name);
        public record OrderDto(int Id, List<int> LineIds);
        public sealed class Counter { public int Value; }
        public sealed class Money { public Money(decimal amount) => Amount = amount; public decimal Amount { get; } }
        [System.ComponentModel.ImmutableObject(true)]
        public sealed class Settings { public string Theme { get; set; } = ""; }
        public record Page<T>(IReadOnlyList<T> Items, int Total);
        """;

    private static string Service(string returnType, string value = "default!") => $$"""
        public interface IService { Task<{{returnType}}> GetAsync(int id); }

        public sealed class Service : IService
        {
            [Cached]
            public Task<{{returnType}}> GetAsync(int id) => Task.FromResult<{{returnType}}>({{value}});
        }
        """ + Types;

    [Fact]
    public async Task A_class_with_a_public_setter_is_reported_on_the_return_type_with_the_reason()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Service("ProductEntity").Replace("public Task<ProductEntity> GetAsync", "public {|#0:Task<ProductEntity>|} GetAsync", StringComparison.Ordinal));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CACHE009", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'GetAsync' returns 'ProductEntity', which is mutable (property 'Id' has a public setter), so the in-memory cache cannot share one instance between callers and copies it on every hit; return a record with init-only members and read-only collections, or mark the type [ImmutableObject(true)] if no caller changes it"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("List<ProductDto>", "'List<ProductDto>' is a mutable collection")]
    [InlineData("ProductDto[]", "'ProductDto[]' is an array, whose elements can be replaced")]
    [InlineData("Dictionary<int, ProductDto>", "'Dictionary<int, ProductDto>' is a mutable collection")]
    [InlineData("IReadOnlyList<ProductEntity>", "property 'Id' has a public setter")]
    [InlineData("OrderDto", "property 'LineIds': 'List<int>' is a mutable collection")]
    [InlineData("Counter", "field 'Value' is not read-only")]
    [InlineData("Page<ProductEntity>", "property 'Items': property 'Id' has a public setter")]
    [InlineData("IList<ProductDto>", "'IList<ProductDto>' is a mutable collection")]
    [InlineData("Queue<int>", "'Queue<int>' is a mutable collection")]
    [InlineData("Stack<string>", "'Stack<string>' is a mutable collection")]
    public async Task Mutable_collections_arrays_fields_and_nested_members_are_reported(string type, string reason)
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(Service(type).Replace($"public Task<{type}> GetAsync", $"public {{|#0:Task<{type}>|}} GetAsync", StringComparison.Ordinal));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CACHE009", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("GetAsync", type, reason));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("ProductDto")]
    [InlineData("IReadOnlyList<ProductDto>")]
    [InlineData("System.Collections.Immutable.ImmutableArray<ProductDto>")]
    [InlineData("System.Collections.Frozen.FrozenDictionary<int, ProductDto>")]
    [InlineData("System.Collections.ObjectModel.ReadOnlyCollection<string>")]
    [InlineData("System.Collections.Immutable.ImmutableQueue<int>")]
    [InlineData("Page<ProductDto>")]
    [InlineData("Money")]
    [InlineData("Settings")]
    [InlineData("string")]
    [InlineData("int?")]
    [InlineData("(int Count, ProductDto First)")]
    [InlineData("IEnumerable<KeyValuePair<string, int>>")]
    [InlineData("Guid")]
    public Task Records_read_only_collections_and_marked_types_are_fine(string type) => Verify.VerifyAsync(Service(type));

    [Fact]
    public Task Methods_without_Cached_are_not_checked() =>
        Verify.VerifyAsync("""
            public interface IService { Task<ProductEntity> GetAsync(int id); }

            public sealed class Service : IService
            {
                public Task<ProductEntity> GetAsync(int id) => Task.FromResult(new ProductEntity());
            }
            """ + Types);
}
