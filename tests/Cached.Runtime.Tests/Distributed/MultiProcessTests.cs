using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests.Distributed;

/// <summary>Two OS processes (the test host started twice) sharing one Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class MultiProcessTests(RedisServerFixture redis)
{
    [Fact]
    public async Task An_invalidation_through_one_process_is_seen_by_the_other()
    {
        var database = Directory.CreateTempSubdirectory("cached-db-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(database, "1"), "price 10");
            var prefix = TestCache.NewPrefix();
            using var a = await TestHostProcess.StartAsync(redis.Configuration, prefix, database);
            using var b = await TestHostProcess.StartAsync(redis.Configuration, prefix, database);
            Assert.Equal("price 10", await b.Client.GetStringAsync("/products/1"));
            Assert.Equal("price 10", await a.Client.GetStringAsync("/products/1")); // from L2: B put it there

            // B holds "price 10" in its L1 for ten minutes unless the backplane tells it otherwise.
            using var put = await a.Client.PutAsync("/products/1", new StringContent("price 12"));
            put.EnsureSuccessStatusCode();

            var seen = string.Empty;
            await Eventually.HoldsAsync(() =>
            {
                seen = b.Client.GetStringAsync("/products/1").GetAwaiter().GetResult();
                return seen == "price 12";
            }, "process B serves the new price");
            Assert.Equal("0", await a.Client.GetStringAsync("/factory-runs")); // A read B's value from L2
        }
        finally
        {
            Directory.Delete(database, recursive: true);
        }
    }
}
