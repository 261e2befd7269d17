namespace Cached.Generator.Model;

/// <summary>A <c>[WriteBehind]</c> write: journaled by its decorator, executed by the flusher.</summary>
/// <param name="OperationName">The method's identity with its parameter types, written into the journal with each call.</param>
/// <param name="CancellationTokenParameter">The parameter that is not journaled (the flusher passes its own token); <c>null</c> when none.</param>
internal sealed record WriteBehindSpec(string OperationName, string? CancellationTokenParameter);
