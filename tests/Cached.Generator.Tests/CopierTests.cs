namespace Cached.Generator.Tests;

/// <summary>
/// Which mutable result types get a generated copy (and which are left to the serializer's round trip): each shape is
/// compiled with nullable enabled and no warning, and its policy is read for <c>Copier = ...</c>.
/// </summary>
public sealed class CopierTests
{
    public static TheoryData<string, bool, string> Shapes => new()
    {
        { "settable properties", true, "public class Result { public int Id { get; set; } public string Name { get; set; } = \"\"; }" },
        { "init-only members and a required one", true, "public sealed class Result { public required string Name { get; init; } public List<int> Values { get; init; } = []; }" },
        { "a positional record with a list", true, "public sealed record Result(int Id, List<string> Tags) { public string? Note { get; set; } }" },
        { "a struct holding an array", true, "public struct Result { public int[] Values { get; set; } }" },
        { "a public field", true, "public sealed class Result { public List<int> Values = []; }" },
        { "the constructor marked [JsonConstructor]", true, "public sealed class Result { public Result(int id) => Id = id; [JsonConstructor] public Result(int id, string name) { Id = id; Name = name; } public int Id { get; } public string Name { get; set; } = \"\"; }" },
        { "an obsolete member", true, "public sealed class Result { [System.Obsolete(\"Use Name.\")] public string Title { get; set; } = \"\"; public string Name { get; set; } = \"\"; }" },
        { "a member obsolete as an error", false, "public sealed class Result { [System.Obsolete(\"Gone.\", true)] public string Title { get; set; } = \"\"; public string Name { get; set; } = \"\"; }" },
        { "an interface-typed member, shared", true, "public interface IShape { } public sealed class Result { public IShape? Shape { get; set; } }" },
        { "a get-only list ignored by [JsonIgnore]", true, "public sealed class Result { public int Id { get; set; } [JsonIgnore] public List<int> Cache { get; } = []; }" },
        { "mutable state four levels down", true, Levels(4) },
        { "mutable state five levels down", false, Levels(5) },
        { "a get-only list", false, "public sealed class Result { public int Id { get; set; } public List<int> Values { get; } = []; }" },
        { "a list with a private setter", false, "public sealed class Result { public int Id { get; set; } public List<int> Values { get; private set; } = []; }" },
        { "a private setter marked [JsonInclude]", false, "public sealed class Result { public int Id { get; set; } [JsonInclude] public string Name { get; private set; } = \"\"; }" },
        { "a write-only property", false, "public sealed class Result { public int Id { get; set; } public string Name { set { } } }" },
        { "a reference to its own type", false, "public sealed class Result { public int Id { get; set; } public Result? Next { get; set; } }" },
        { "two constructors, none parameterless", false, "public sealed class Result { public Result(int id) => Id = id; public Result(string name) => Name = name; public int Id { get; set; } public string Name { get; set; } = \"\"; }" },
        { "a constructor parameter without a member", false, "public sealed class Result(int seed) { public int Id { get; set; } = seed; }" },
        { "an abstract result type", false, "public abstract class Result { public int Id { get; set; } }" },
        { "a collection it does not know", false, "public sealed class Result { public SortedList<int, int> Values { get; set; } = new(); }" },
        { "a queue, which the rule of CACHE009 does not call mutable", false, "public sealed class Result { public int Id { get; set; } public Queue<int> Values { get; set; } = new(); }" },
        { "a class that is a collection", false, "public sealed class Result : List<int> { public int Id { get; set; } }" },
        { "a dictionary keyed by a mutable type", false, "public sealed class Key { public int Id { get; set; } } public sealed class Result { public Dictionary<Key, int> Values { get; set; } = new(); }" },
        { "a set of mutable elements", false, "public sealed class Key { public int Id { get; set; } } public sealed class Result { public HashSet<Key> Values { get; set; } = new(); }" },
        { "a multi-dimensional array", false, "public sealed class Result { public int[,] Grid { get; set; } = new int[1, 1]; }" },
        { "an immutable array of mutable elements", false, "public sealed class Key { public int Id { get; set; } } public sealed class Result { public System.Collections.Immutable.ImmutableArray<Key> Values { get; init; } }" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_mutable_result_gets_a_generated_copy_only_when_its_shape_allows_one(string shape, bool copied, string types)
    {
        var run = GeneratorHarness.Run($$"""
            using System.Collections.Generic;
            using System.Text.Json.Serialization;
            using System.Threading.Tasks;
            using Cached;

            namespace Shop.Copies;

            {{types}}

            public interface IResults
            {
                Task<Result> GetAsync(int id);
            }

            public sealed class Results : IResults
            {
                [Cached]
                public Task<Result> GetAsync(int id) => Task.FromResult<Result>(default!);
            }
            """);

        run.AssertCompilesCleanly();
        var decorator = run.Source("Shop.Copies.ResultsCachedDecorator.g.cs");
        Assert.Contains("CopyOnRead = true", decorator, StringComparison.Ordinal);
        Assert.True(copied == decorator.Contains("Copier = ResultCopies.CopyResult,", StringComparison.Ordinal), shape + "\n\n" + decorator);
    }

    [Fact]
    public void A_generic_methods_result_is_left_to_the_serializer()
    {
        var run = GeneratorHarness.Run("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Cached;

            namespace Shop.Copies;

            public interface IResults
            {
                Task<List<T>> GetAsync<T>(int id);
            }

            public sealed class Results : IResults
            {
                [Cached]
                public Task<List<T>> GetAsync<T>(int id) => Task.FromResult(new List<T>());
            }
            """);

        run.AssertCompilesCleanly();
        var decorator = run.Source("Shop.Copies.ResultsCachedDecorator.g.cs");
        Assert.Contains("CopyOnRead = true", decorator, StringComparison.Ordinal);
        Assert.DoesNotContain("Copier =", decorator, StringComparison.Ordinal);
    }

    [Fact]
    public void Methods_of_one_file_share_the_copy_of_a_type_they_both_reach()
    {
        var run = GeneratorHarness.Run("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Cached;

            namespace Shop.Copies;

            public sealed class Line { public int Quantity { get; set; } }

            public interface IResults
            {
                Task<List<Line>> AllAsync(int id);

                Task<Line[]> ArrayAsync(int id);
            }

            public sealed class Results : IResults
            {
                [Cached]
                public Task<List<Line>> AllAsync(int id) => Task.FromResult(new List<Line>());

                [Cached]
                public Task<Line[]> ArrayAsync(int id) => Task.FromResult(new Line[0]);
            }
            """);

        run.AssertCompilesCleanly();
        var decorator = run.Source("Shop.Copies.ResultsCachedDecorator.g.cs");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(decorator, @"public static bool CopyLine\("));
    }

    /// <summary>A result whose mutable state beside a settable id is a list <paramref name="depth"/> levels of members below it.</summary>
    private static string Levels(int depth)
    {
        var innermost = depth - 2;
        var types = "public sealed class Level" + innermost + " { public List<int> Values { get; init; } = []; }";
        for (var level = innermost - 1; level >= 0; level--)
        {
            types += " public sealed class Level" + level + " { public Level" + (level + 1) + " Next { get; init; } = new(); }";
        }

        return types + " public sealed class Result { public int Id { get; set; } public Level0 First { get; init; } = new(); }";
    }
}
