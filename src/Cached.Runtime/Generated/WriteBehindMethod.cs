using System.ComponentModel;
using Cached.Serialization;
using Cached.WriteBehind;
using Microsoft.Extensions.Caching.Hybrid;

namespace Cached.Generated;

/// <summary>
/// One <see cref="WriteBehindAttribute">[WriteBehind]</see> method, held by the generated wrapper in a static field.
/// For generated code; not a stable API.
/// </summary>
/// <typeparam name="TArgs">The call's arguments, serialized into the journal with System.Text.Json.</typeparam>
/// <param name="name">The method's identity, journaled with every call.</param>
/// <param name="execute">
/// Runs a journaled call in the flusher: resolves the service from the given (scoped) provider and calls the method.
/// Inside it <see cref="WriteBehindCall.Current"/> is set, so the wrapper runs the write instead of journaling it again.
/// </param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WriteBehindMethod<TArgs>(string name, Func<IServiceProvider, TArgs, CancellationToken, ValueTask> execute)
    : WriteBehindOperation(name)
{
    /// <summary>
    /// The wrapper's body: journals the call and returns once Redis has it; runs <paramref name="run"/> (the write and
    /// its invalidations) instead when the flusher is executing this very call, or inline when there is no journal.
    /// </summary>
    /// <param name="cache">The wrapper's cache: Cached's own one holds the journal.</param>
    /// <param name="arguments">The call's arguments.</param>
    /// <param name="state">What <paramref name="run"/> needs (the inner service), to avoid a closure.</param>
    /// <param name="run">The write followed by its invalidations.</param>
    /// <param name="cancellationToken">Observed until the call is journaled; then the call belongs to the flusher.</param>
    public ValueTask InvokeAsync<TState>(
        HybridCache cache,
        TArgs arguments,
        TState state,
        Func<TState, TArgs, CancellationToken, ValueTask> run,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(run);
        if (WriteBehindCall.Current?.Operation == Name)
        {
            return run(state, arguments, cancellationToken);
        }

        return cache is CachedHybridCache cached
            ? cached.Engine.WriteBehindJournal.AppendAsync(this, arguments, state, run, cancellationToken)
            : WriteBehindJournal.RunInlineAsync(null, this, arguments, state, run, "the HybridCache is not Cached's, which holds the journal", cancellationToken);
    }

    internal override ValueTask ExecuteAsync(IServiceProvider services, ReadOnlyMemory<byte> arguments, ICacheSerializer serializer, CancellationToken cancellationToken)
        => execute(services, serializer.Deserialize<TArgs>(arguments.Span), cancellationToken);
}
