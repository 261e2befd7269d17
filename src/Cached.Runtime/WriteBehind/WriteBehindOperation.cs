using System.ComponentModel;
using Cached.Serialization;

namespace Cached.Generated;

/// <summary>
/// A <see cref="WriteBehindAttribute">[WriteBehind]</see> write as the flusher knows it: a name written into the journal
/// and a way to execute a journaled call. Registered with <c>AddWriteBehindOperation</c> (generated code does it). For
/// generated code; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class WriteBehindOperation
{
    private protected WriteBehindOperation(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The name journaled with each call; it must not change between deploys while calls are pending.</summary>
    public string Name { get; }

    /// <summary>Executes one journaled call: its arguments deserialized, the write run with <paramref name="services"/>.</summary>
    internal abstract ValueTask ExecuteAsync(IServiceProvider services, ReadOnlyMemory<byte> arguments, ICacheSerializer serializer, CancellationToken cancellationToken);
}
