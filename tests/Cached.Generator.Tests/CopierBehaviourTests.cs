using Microsoft.Extensions.DependencyInjection;

namespace Cached.Generator.Tests;

/// <summary>
/// The generated copy of a mutable result, end to end over Cached's engine. A public field tells the copies apart: the
/// generated copy keeps it, the serializer's round trip (default options) drops it.
/// </summary>
public sealed class CopierBehaviourTests
{
    private static readonly Lazy<LiveService> s_live = new(() => new LiveService("CopyApp", Source));

    [Fact]
    public async Task The_generated_copy_is_deep_so_a_change_to_a_nested_list_does_not_reach_the_next_caller()
    {
        using var provider = Provider();

        var seen = await SecondCallerAfterTheFirstChangedItsCopy(provider, 1);

        Assert.Equal("dry|post|Parcel|Content", seen);
        Assert.Equal(1, s_live.Value.Count(provider, "Reads"));
    }

    [Fact]
    public async Task A_result_of_a_derived_runtime_type_is_copied_through_the_serializer()
    {
        using var provider = Provider();

        var seen = await SecondCallerAfterTheFirstChangedItsCopy(provider, 2);

        // The serializer writes the declared type's members only, and no fields.
        Assert.Equal("dry||Parcel|Content", seen);
    }

    [Fact]
    public async Task A_nested_object_of_a_derived_runtime_type_sends_the_whole_copy_through_the_serializer()
    {
        using var provider = Provider();

        var seen = await SecondCallerAfterTheFirstChangedItsCopy(provider, 3);

        Assert.Equal("glass||Parcel|Content", seen);
    }

    [Fact]
    public async Task A_type_without_a_generated_copy_is_still_copied_through_the_serializer()
    {
        using var provider = Provider();

        var seen = await (Task<string>)s_live.Value.Type("Probe").GetMethod("SecondRouteAfterTheFirstChangedItsCopy")!.Invoke(null, [Parcels(provider)])!;

        Assert.Equal("b|", seen);
    }

    private static Task<string> SecondCallerAfterTheFirstChangedItsCopy(IServiceProvider provider, int id) =>
        (Task<string>)s_live.Value.Type("Probe").GetMethod("SecondCallerAfterTheFirstChangedItsCopy")!.Invoke(null, [Parcels(provider), id])!;

    private static ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddCached(_ => { });
        services.AddSingleton(s_live.Value.Type("Calls"));
        services.AddSingleton(s_live.Value.Type("IParcels"), s_live.Value.Type("Parcels"));
        s_live.Value.AddCachedDecorators(services);
        return services.BuildServiceProvider();
    }

    private static object Parcels(IServiceProvider provider) => provider.GetRequiredService(s_live.Value.Type("IParcels"));

    private const string Source = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Cached;

        namespace Shop.Live;

        public sealed class Calls
        {
            public int Reads;
        }

        public class Content
        {
            public string Name { get; set; } = "";

            public List<string> Tags { get; set; } = [];
        }

        public sealed class FragileContent : Content
        {
        }

        public class Parcel
        {
            public int Id { get; set; }

            public List<Content> Contents { get; set; } = [];

            public string Carrier = "";
        }

        public sealed class ExpressParcel : Parcel
        {
        }

        /// <summary>Refers to itself: no generated copy.</summary>
        public sealed class Route
        {
            public string Stop { get; set; } = "";

            public Route? Next { get; set; }

            public string Carrier = "";
        }

        public interface IParcels
        {
            Task<Parcel> GetAsync(int id);

            Task<Route> RouteAsync(int id);
        }

        public sealed class Parcels(Calls calls) : IParcels
        {
            /// <summary>Id 2 is an <see cref="ExpressParcel"/>; id 3 holds a <see cref="FragileContent"/>.</summary>
            [Cached(Ttl = "10m")]
            public Task<Parcel> GetAsync(int id)
            {
                Interlocked.Increment(ref calls.Reads);
                Parcel parcel = id == 2 ? new ExpressParcel() : new Parcel();
                parcel.Id = id;
                parcel.Carrier = "post";
                parcel.Contents = [id == 3 ? new FragileContent { Name = "vase", Tags = ["glass"] } : new Content { Name = "tea", Tags = ["dry"] }];
                return Task.FromResult(parcel);
            }

            [Cached(Ttl = "10m")]
            public Task<Route> RouteAsync(int id) =>
                Task.FromResult(new Route { Stop = "a", Next = new Route { Stop = "b" }, Carrier = "post" });
        }

        public static class Probe
        {
            /// <summary>The second caller's tags, carrier and runtime types after the first changed its copy; "|shared" if they share.</summary>
            public static async Task<string> SecondCallerAfterTheFirstChangedItsCopy(IParcels parcels, int id)
            {
                var first = await parcels.GetAsync(id);
                first.Contents[0].Tags.Add("changed");
                first.Carrier = "changed";
                var second = await parcels.GetAsync(id);
                var shared = ReferenceEquals(first, second) || ReferenceEquals(first.Contents[0].Tags, second.Contents[0].Tags);
                return string.Join(",", second.Contents[0].Tags) + "|" + second.Carrier + "|" + second.GetType().Name + "|" +
                       second.Contents[0].GetType().Name + (shared ? "|shared" : "");
            }

            /// <summary>The second caller's next stop and carrier after the first changed its copy; "|shared" if they share.</summary>
            public static async Task<string> SecondRouteAfterTheFirstChangedItsCopy(IParcels parcels)
            {
                var first = await parcels.RouteAsync(1);
                first.Next!.Stop = "changed";
                var second = await parcels.RouteAsync(1);
                return second.Next!.Stop + "|" + second.Carrier + (ReferenceEquals(first.Next, second.Next) ? "|shared" : "");
            }
        }
        """;
}
