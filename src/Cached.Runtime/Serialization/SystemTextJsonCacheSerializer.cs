using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cached.Serialization;

/// <summary>System.Text.Json through <see cref="JsonTypeInfo{T}"/>: source-generated metadata when the application provides a context.</summary>
internal sealed class SystemTextJsonCacheSerializer : ICacheSerializer
{
    private readonly JsonSerializerOptions _options;

    public SystemTextJsonCacheSerializer(JsonSerializerOptions? options)
    {
        // A copy: the application's instance stays as it was (it may be shared, or already read-only).
        var own = options is null ? new JsonSerializerOptions() : new JsonSerializerOptions(options);
        if (own.TypeInfoResolver is null)
        {
            if (!JsonSerializer.IsReflectionEnabledByDefault)
            {
                throw new InvalidOperationException(
                    "Cached:JsonSerializerOptions: reflection-based serialization is disabled (native AOT or trimming); "
                    + "set CachedOptions.JsonSerializerOptions.TypeInfoResolver to a JsonSerializerContext that covers every cached type.");
            }

            own.TypeInfoResolver = CreateReflectionResolver();
        }

        own.MakeReadOnly();
        _options = own;
    }

    public void Serialize<T>(T value, IBufferWriter<byte> destination)
    {
        using var writer = new Utf8JsonWriter(destination);
        JsonSerializer.Serialize(writer, value, TypeInfo<T>());
    }

    public T Deserialize<T>(ReadOnlySpan<byte> source) => JsonSerializer.Deserialize(source, TypeInfo<T>())!;

    private JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));

    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode",
        Justification = "Reached only when JsonSerializer.IsReflectionEnabledByDefault is true, a feature switch that trimmed and AOT apps turn off; they must configure a JsonSerializerContext and get a clear startup error otherwise.")]
    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode",
        Justification = "As above: only where reflection-based serialization is enabled, which excludes native AOT.")]
    private static IJsonTypeInfoResolver CreateReflectionResolver() => new DefaultJsonTypeInfoResolver();
}
