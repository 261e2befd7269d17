using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Cached.Generated;

/// <summary>
/// A deep copy of a value of a mutable result type, generated at compile time for <see cref="CachedMethod{T}.Copier"/>:
/// plain constructor calls and assignments, no reflection. For generated code; not a stable API.
/// </summary>
/// <typeparam name="T">The cached method's result type.</typeparam>
/// <param name="value">The value to copy; never <c>null</c>.</param>
/// <param name="copy">The copy, when the method returns <c>true</c>.</param>
/// <returns>
/// <c>false</c> when <paramref name="value"/>, or an object it holds, is of a type derived from the one the copy was
/// generated for: the caller then copies it through the serializer.
/// </returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate bool ResultCopier<T>([DisallowNull] T value, [MaybeNullWhen(false)] out T copy);
