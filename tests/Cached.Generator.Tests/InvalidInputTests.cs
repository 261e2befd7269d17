namespace Cached.Generator.Tests;

/// <summary>
/// Input the analyzers reject is never cached: the decorator forwards that method (the analyzer's error stops the
/// build anyway), still caches the valid ones, and the generated code compiles.
/// </summary>
public sealed class InvalidInputTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "bad duration", """[Cached(Ttl = "10 minutes")]""", "Task<int> BrokenAsync(int id)" },
        { "bad jitter", """[Cached(Ttl = "1m", Jitter = "-5s")]""", "Task<int> BrokenAsync(int id)" },
        { "unknown placeholder", """[Cached(Tags = ["item:{nope}"])]""", "Task<int> BrokenAsync(int id)" },
        { "unknown member", """[Cached(Tags = ["item:{filter.Nope}"])]""", "Task<int> BrokenAsync(Filter filter)" },
        { "CancellationToken placeholder", """[Cached(Tags = ["item:{ct}"])]""", "Task<int> BrokenAsync(int id, System.Threading.CancellationToken ct)" },
        { "stream", "[Cached]", "System.Collections.Generic.IAsyncEnumerable<int> BrokenAsync(int id)" },
        { "malformed template", """[Cached(Tags = ["item:{id"])]""", "Task<int> BrokenAsync(int id)" },
        { "unknown key placeholder", """[Cached(Key = "{nope}")]""", "Task<int> BrokenAsync(int id)" },
        { "no result", "[Cached]", "Task BrokenAsync(int id)" },
        { "void", "[Cached]", "void BrokenAsync(int id)" },
        { "out parameter", "[Cached]", "int BrokenAsync(int id, out int other)" },
        { "type-parameter key", "[Cached]", "Task<T?> BrokenAsync<T>(T id) where T : class" },
        { "no stable key form", "[Cached]", "Task<int> BrokenAsync(Filter filter)" },
        { "key placeholder without a stable form", """[Cached(Key = "{filter}")]""", "Task<int> BrokenAsync(Filter filter)" },
        { "Methods naming nothing", """[InvalidatesCache(Methods = ["Nope"])]""", "Task BrokenAsync(int id)" },
        { "Methods naming an uncached method", """[InvalidatesCache(Methods = [nameof(Plain)])]""", "Task BrokenAsync(int id)" },
        { "Methods whose key parameter is missing", """[InvalidatesCache(Methods = [nameof(OkAsync)])]""", "Task BrokenAsync(int other)" },
        { "Methods whose key parameter has another type", """[InvalidatesCache(Methods = [nameof(OkAsync)])]""", "Task BrokenAsync(long id)" },
        { "unknown result member", """[InvalidatesCache("item:{result.Nope}")]""", "Task<int> BrokenAsync(int id)" },
        { "result of a write without one", """[InvalidatesCache("item:{result}")]""", "Task BrokenAsync(int id)" },
        { "both attributes", """[Cached, InvalidatesCache("item:{id}")]""", "Task<int> BrokenAsync(int id)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_method_is_forwarded_and_the_rest_still_cached(string reason, string attribute, string signature)
    {
        var run = GeneratorHarness.Run(Service(attribute, signature));

        run.AssertCompilesCleanly();
        var decorator = run.Source("Shop.Broken.BrokenServiceCachedDecorator.g.cs");
        Assert.True(decorator.Contains(" => _inner.BrokenAsync", StringComparison.Ordinal), reason + ": BrokenAsync is not forwarded.\n" + decorator);
        Assert.DoesNotContain("s_brokenAsync", decorator, StringComparison.Ordinal);
        Assert.Contains("s_okAsync.TryGetCompletedTask", decorator, StringComparison.Ordinal);
    }

    private static string Service(string attribute, string signature)
    {
        var body = signature.StartsWith("void", StringComparison.Ordinal)
            ? "{ }"
            : signature.Contains("out int other", StringComparison.Ordinal)
                ? "{ other = 0; return 0; }"
                : "=> throw new System.NotSupportedException();";
        return $$"""
            using System.Threading.Tasks;
            using Cached;

            namespace Shop.Broken;

            public sealed class Filter
            {
                public string Text { get; set; } = "";
            }

            public interface IBrokenService
            {
                Task<int> OkAsync(int id);

                int Plain(int id);

                {{signature}};
            }

            public sealed class BrokenService : IBrokenService
            {
                [Cached(Ttl = "1m")]
                public Task<int> OkAsync(int id) => Task.FromResult(id);

                public int Plain(int id) => id;

                {{attribute}}
                public {{signature}} {{body}}
            }
            """;
    }
}
