using Cached.Runtime.Tests.Redis;
using Cached.Runtime.Tests.Support;

namespace Cached.Runtime.Tests.Distributed;

/// <summary>The many-key read scenarios on a three-master Redis Cluster.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClusterManyKeyTests(RedisClusterFixture cluster) : ManyKeyL2Scenarios(cluster)
{
    [Fact]
    public async Task A_cold_batch_reads_each_key_and_stamp_with_its_own_GET_across_the_masters()
    {
        using var node = await ConnectedAsync(TestCache.NewPrefix());
        var keys = Keys(20);
        await using var counter = await ConnectCommandCounterAsync();

        var read = await CountColdReadAsync(node.Engine, counter, keys, ["catalog"]);

        Assert.Equal(0, read.Mget);
        Assert.Equal(keys.Length + 2, read.Get); // the entries, "*" and the tag
    }
}
