using System.Linq;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>Writes the assembly's <c>AddCachedDecorators()</c>, which wraps each registration of a decorated service.</summary>
internal static class RegistrationEmitter
{
    internal const string Services = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
    private const string Descriptor = "global::Microsoft.Extensions.DependencyInjection.ServiceDescriptor";
    private const string Provider = "global::System.IServiceProvider";

    public static string Emit(RegistrationSpec spec)
    {
        var writer = new SourceWriter().FileHeader();
        writer.Open("namespace Microsoft.Extensions.DependencyInjection");
        writer.Line("/// <summary>Registers the caching decorators that Cached generated for the services of " + spec.AssemblyName + ".</summary>");
        writer.Line(CSharp.GeneratedCode);
        writer.Open("internal static class " + spec.ClassName);
        writer.Line("/// <summary>");
        writer.Line("/// Wraps every registration of a service whose methods carry <c>[Cached]</c> or <c>[InvalidatesCache]</c> in its");
        writer.Line("/// generated caching decorator, keeping the registration's lifetime and key. Call it after those services are");
        writer.Line("/// registered; the decorators take the <see cref=\"" + CSharp.HybridCache + "\"/> registered by <c>AddCached(...)</c>.");
        writer.Line("/// </summary>");
        writer.Open("public static " + Services + " AddCachedDecorators(this " + Services + " services)");
        writer.Open("if (services is null)");
        writer.Line("throw new global::System.ArgumentNullException(nameof(services));");
        writer.Close();
        writer.Line();
        foreach (var decorator in spec.WriteBehindDecorators)
        {
            writer.Line(decorator + "." + DecoratorEmitter.WriteBehindRegistrationMethod + "(services);");
        }

        if (!spec.WriteBehindDecorators.IsEmpty)
        {
            writer.Line();
        }

        if (!spec.Services.IsEmpty)
        {
            writer.Line("Wrap(services, null);");
            writer.Line();
            writer.Line("// A decorated service registered after this call would be served uncached: the host's startup fails instead.");
            writer.Line("global::Cached.Generated.DecoratorRegistrationCheck.Register(services, typeof(" + spec.ClassName + "), static registered =>");
            writer.Open();
            writer.Line("var unwrapped = new global::System.Collections.Generic.List<" + Descriptor + ">();");
            writer.Line("Wrap(registered, unwrapped);");
            writer.Line("return unwrapped;");
            writer.Close(");");
            writer.Line();
        }

        writer.Line("return services;");
        writer.Close();

        if (!spec.Services.IsEmpty)
        {
            writer.Line();
            writer.Line("/// <summary>Wraps each decorated service's registrations, or (with <paramref name=\"unwrapped\"/>) lists those it would wrap.</summary>");
            writer.Open("private static void Wrap(" + Services + " services, global::System.Collections.Generic.List<" + Descriptor + ">? unwrapped)");
            var first = true;
            foreach (var service in spec.Services)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                WriteDecorate(writer, service);
            }

            writer.Close();
            WriteHelpers(writer);
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void WriteDecorate(SourceWriter writer, ServiceSpec service)
    {
        var applies = service.InterfaceDecorator is not null
            ? "static _ => true"
            : "static type => " + string.Join(" || ", service.ClassDecorators.Select(c => "typeof(" + c.ImplementationType + ").IsAssignableFrom(type)"));

        writer.Line("Decorate<" + service.ServiceType + ">(");
        writer.Indent();
        writer.Line("services,");
        writer.Line("unwrapped,");
        writer.Line(applies + ",");
        writer.Line("static (inner, provider, ownsInner) =>");
        writer.Indent();
        foreach (var decorator in service.ClassDecorators)
        {
            writer.Line("inner is " + decorator.ImplementationType + " ? new " + decorator.Decorator + "(inner, Cache(provider, typeof(" + service.ServiceType + ")), ownsInner) :");
        }

        writer.Line((service.InterfaceDecorator is { } all
            ? "new " + all + "(inner, Cache(provider, typeof(" + service.ServiceType + ")), ownsInner)"
            : "null") + ");");
        writer.Outdent();
        writer.Outdent();
    }

    /// <summary>
    /// The decorator must see the instance the original registration would have produced, created the same way: the
    /// registered instance, the registered factory, or the implementation type activated from the provider. The
    /// replacement's factory is a method of <c>DecoratedFactory</c>, which marks it as already wrapped, so calling
    /// <c>AddCachedDecorators()</c> again wraps only what was registered since.
    /// </summary>
    private static void WriteHelpers(SourceWriter writer)
    {
        var decorate = "global::System.Func<TService, " + Provider + ", bool, TService?>";
        var applies = "global::System.Func<global::System.Type, bool>";

        writer.Line();
        writer.Line("/// <summary>Replaces each registration of <typeparamref name=\"TService\"/> (keyed or not) by one that wraps its instance.</summary>");
        writer.Line("/// <param name=\"unwrapped\">When set, receives the registrations that would be wrapped, and nothing is replaced.</param>");
        writer.Line("/// <param name=\"applies\">Whether a decorator applies to an implementation type, decided before any instance exists.</param>");
        writer.Line("/// <param name=\"decorate\">Wraps an instance, or returns <c>null</c> when no decorator applies to it.</param>");
        writer.Line("private static void Decorate<TService>(" + Services + " services, global::System.Collections.Generic.List<" + Descriptor + ">? unwrapped, " + applies + " applies, " + decorate + " decorate)");
        writer.Indent().Line("where TService : class").Outdent();
        writer.Open();
        writer.Open("for (var i = 0; i < services.Count; i++)");
        writer.Line("var descriptor = services[i];");
        writer.Open("if (descriptor.ServiceType != typeof(TService))");
        writer.Line("continue;");
        writer.Close();
        writer.Line();
        writer.Line("var factory = descriptor.IsKeyedService ? (object?)descriptor.KeyedImplementationFactory : descriptor.ImplementationFactory;");
        writer.Open("if ((factory as global::System.Delegate)?.Target is DecoratedFactory<TService>)");
        writer.Line("continue;");
        writer.Close();
        writer.Line();
        writer.Line("// A factory's instance is only known once it runs: the decorator decides then.");
        writer.Line("var implementation = descriptor.IsKeyedService");
        writer.Indent();
        writer.Line("? descriptor.KeyedImplementationInstance?.GetType() ?? descriptor.KeyedImplementationType");
        writer.Line(": descriptor.ImplementationInstance?.GetType() ?? descriptor.ImplementationType;");
        writer.Outdent();
        writer.Open("if (implementation is not null && !applies(implementation))");
        writer.Line("continue;");
        writer.Close();
        writer.Line();
        writer.Open("if (unwrapped is not null)");
        writer.Line("unwrapped.Add(descriptor);");
        writer.Line("continue;");
        writer.Close();
        writer.Line();
        writer.Line("var decorated = new DecoratedFactory<TService>(descriptor, decorate);");
        writer.Line("services[i] = descriptor.IsKeyedService");
        writer.Indent();
        writer.Line("? new " + Descriptor + "(typeof(TService), descriptor.ServiceKey, decorated.Create, descriptor.Lifetime)");
        writer.Line(": new " + Descriptor + "(typeof(TService), decorated.Create, descriptor.Lifetime);");
        writer.Outdent();
        writer.Close();
        writer.Close();

        writer.Line();
        writer.Line("private static " + CSharp.HybridCache + " Cache(" + Provider + " provider, global::System.Type service)");
        writer.Indent();
        writer.Line("=> provider.GetService(typeof(" + CSharp.HybridCache + ")) as " + CSharp.HybridCache);
        writer.Indent();
        writer.Line("?? throw new global::System.InvalidOperationException(");
        writer.Indent();
        writer.Line("$\"{service} is wrapped in a caching decorator by AddCachedDecorators(), but no HybridCache is registered: call services.AddCached(...) first.\");");
        writer.Outdent();
        writer.Outdent();
        writer.Outdent();

        writer.Line();
        writer.Line("/// <summary>Creates the instance as the original registration would have, then wraps it.</summary>");
        writer.Line("private sealed class DecoratedFactory<TService>");
        writer.Indent().Line("where TService : class").Outdent();
        writer.Open();
        writer.Line("private readonly " + Descriptor + " _original;");
        writer.Line("private readonly " + decorate + " _decorate;");
        writer.Line();
        writer.Open("public DecoratedFactory(" + Descriptor + " original, " + decorate + " decorate)");
        writer.Line("_original = original;");
        writer.Line("_decorate = decorate;");
        writer.Close();
        writer.Line();
        writer.Line("public object Create(" + Provider + " provider) => Create(provider, null);");
        writer.Line();
        writer.Open("public object Create(" + Provider + " provider, object? key)");
        writer.Line("var original = _original;");
        writer.Line("var instance = original.IsKeyedService ? original.KeyedImplementationInstance : original.ImplementationInstance;");
        writer.Open("if (instance is TService registered)");
        writer.Line("// A registered instance belongs to whoever registered it: the decorator must not dispose it.");
        writer.Line("return _decorate(registered, provider, false) ?? registered;");
        writer.Close();
        writer.Line();
        writer.Line("// The container disposes what it creates; it now creates the decorator, which disposes this instance.");
        writer.Line("var inner = (TService)(original.IsKeyedService");
        writer.Indent();
        writer.Line("? original.KeyedImplementationFactory is { } keyedFactory");
        writer.Indent();
        writer.Line("? keyedFactory(provider, key)");
        writer.Line(": global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(provider, original.KeyedImplementationType!)");
        writer.Outdent();
        writer.Line(": original.ImplementationFactory is { } factory");
        writer.Indent();
        writer.Line("? factory(provider)");
        writer.Line(": global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(provider, original.ImplementationType!));");
        writer.Outdent();
        writer.Outdent();
        writer.Line("return _decorate(inner, provider, true) ?? inner;");
        writer.Close();
        writer.Close();
    }
}
