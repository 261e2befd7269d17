namespace Cached.Generator.Model;

/// <summary>What the compilation says about the registration class, reduced to values the pipeline can compare.</summary>
/// <param name="ClassName">The registration class's name, unique per assembly.</param>
/// <param name="AssemblyName">The compilation's assembly name, for the class's documentation.</param>
/// <param name="CanEmit">Cached, HybridCache and the DI abstractions are all referenced.</param>
/// <param name="SeesReferencedRegistration">
/// A referenced assembly's generated registration class is accessible here (through <c>InternalsVisibleTo</c>), so a
/// second <c>AddCachedDecorators</c> would make calls to it ambiguous.
/// </param>
internal sealed record RegistrationContext(string ClassName, string AssemblyName, bool CanEmit, bool SeesReferencedRegistration);

/// <summary>The registration class to emit.</summary>
/// <param name="WriteBehindDecorators">Decorators with <c>[WriteBehind]</c> writes, whose operations the flusher must know.</param>
internal sealed record RegistrationSpec(
    string ClassName, string AssemblyName, EquatableArray<ServiceSpec> Services, EquatableArray<string> WriteBehindDecorators);

/// <summary>A decorated service type and its decorators.</summary>
/// <param name="ServiceType">The interface, <c>global::</c>-qualified.</param>
/// <param name="ClassDecorators">Decorators applied when the instance is the class that carries the attributes.</param>
/// <param name="InterfaceDecorator">The decorator from the interface's own attributes, applied to any other instance.</param>
internal sealed record ServiceSpec(
    string ServiceType,
    EquatableArray<ClassDecoratorSpec> ClassDecorators,
    string? InterfaceDecorator);

/// <summary>A decorator that applies to instances of <see cref="ImplementationType"/>.</summary>
internal sealed record ClassDecoratorSpec(string ImplementationType, string Decorator);
