using System.Linq;
using Cached.Generator.Model;

namespace Cached.Generator.Emitting;

/// <summary>Writes the assembly's <c>AddCachedDecorators()</c>, which wraps each registration of a decorated service.</summary>
internal static class RegistrationEmitter
{
    private const string Services = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
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
        foreach (var service in spec.Services)
        {
            WriteDecorate(writer, service);
            writer.Line();
        }

        writer.Line("return services;");
        writer.Close();

        if (!spec.Services.IsEmpty)
        {
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
    /// The decorator must see the instance the original registration would have produced, created the same way:
    /// the registered instance, the registered factory, or the implementation type activated from the provider.
    /// </summary>
    private static void WriteHelpers(SourceWriter writer)
    {
        var decorate = "global::System.Func<TService, " + Provider + ", bool, TService?>";
        var applies = "global::System.Func<global::System.Type, bool>";

        writer.Line();
        writer.Line("/// <summary>Replaces each registration of <typeparamref name=\"TService\"/> (keyed or not) by one that wraps its instance.</summary>");
        writer.Line("/// <param name=\"applies\">Whether a decorator applies to an implementation type, decided before any instance exists.</param>");
        writer.Line("/// <param name=\"decorate\">Wraps an instance, or returns <c>null</c> when no decorator applies to it.</param>");
        writer.Line("private static void Decorate<TService>(" + Services + " services, " + applies + " applies, " + decorate + " decorate)");
        writer.Indent().Line("where TService : class").Outdent();
        writer.Open();
        writer.Open("for (var i = 0; i < services.Count; i++)");
        writer.Line("var descriptor = services[i];");
        writer.Open("if (descriptor.ServiceType == typeof(TService) && Wrap(descriptor, applies, decorate) is { } wrapped)");
        writer.Line("services[i] = wrapped;");
        writer.Close();
        writer.Close();
        writer.Close();

        writer.Line();
        writer.Line("private static " + Descriptor + "? Wrap<TService>(" + Descriptor + " descriptor, " + applies + " applies, " + decorate + " decorate)");
        writer.Indent().Line("where TService : class").Outdent();
        writer.Open();
        writer.Open("if (descriptor.IsKeyedService)");
        writer.Open("if (descriptor.KeyedImplementationInstance is TService keyedInstance)");
        writer.Line("return applies(keyedInstance.GetType())");
        writer.Indent().Line("? new " + Descriptor + "(typeof(TService), descriptor.ServiceKey, (provider, _) => decorate(keyedInstance, provider, false) ?? keyedInstance, descriptor.Lifetime)");
        writer.Line(": null;").Outdent();
        writer.Close();
        writer.Line();
        writer.Open("if (descriptor.KeyedImplementationFactory is { } keyedFactory)");
        writer.Line("// Which instance a factory creates is only known once it runs.");
        writer.Line("return new " + Descriptor + "(typeof(TService), descriptor.ServiceKey, (provider, key) => Decorated((TService)keyedFactory(provider, key), provider, decorate), descriptor.Lifetime);");
        writer.Close();
        writer.Line();
        writer.Line("var keyedType = descriptor.KeyedImplementationType;");
        writer.Line("return keyedType is not null && applies(keyedType)");
        writer.Indent().Line("? new " + Descriptor + "(typeof(TService), descriptor.ServiceKey, (provider, _) => Decorated((TService)global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(provider, keyedType), provider, decorate), descriptor.Lifetime)");
        writer.Line(": null;").Outdent();
        writer.Close();
        writer.Line();
        writer.Open("if (descriptor.ImplementationInstance is TService instance)");
        writer.Line("return applies(instance.GetType())");
        writer.Indent().Line("? new " + Descriptor + "(typeof(TService), provider => decorate(instance, provider, false) ?? instance, descriptor.Lifetime)");
        writer.Line(": null;").Outdent();
        writer.Close();
        writer.Line();
        writer.Open("if (descriptor.ImplementationFactory is { } factory)");
        writer.Line("return new " + Descriptor + "(typeof(TService), provider => Decorated((TService)factory(provider), provider, decorate), descriptor.Lifetime);");
        writer.Close();
        writer.Line();
        writer.Line("var type = descriptor.ImplementationType;");
        writer.Line("return type is not null && applies(type)");
        writer.Indent().Line("? new " + Descriptor + "(typeof(TService), provider => Decorated((TService)global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(provider, type), provider, decorate), descriptor.Lifetime)");
        writer.Line(": null;").Outdent();
        writer.Close();

        writer.Line();
        writer.Line("/// <summary>The container created <paramref name=\"inner\"/> and would have disposed it: the decorator now does.</summary>");
        writer.Line("private static TService Decorated<TService>(TService inner, " + Provider + " provider, " + decorate + " decorate)");
        writer.Indent();
        writer.Line("where TService : class");
        writer.Line("=> decorate(inner, provider, true) ?? inner;");
        writer.Outdent();

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
    }
}
