using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Cached.Benchmarks.Infrastructure;

/// <summary>
/// A column filled by an <see cref="IProbedBenchmark"/>: the suite is set up again in the host process, its benchmark
/// method called <see cref="IProbedBenchmark.ProbeInvocations"/> times between <see cref="IProbedBenchmark.BeginProbe"/> and
/// <see cref="IProbedBenchmark.EndProbe"/>, then cleaned up. One probe per benchmark case serves all its columns.
/// </summary>
public sealed class ProbeColumn(string name, string legend) : IColumn
{
    private static readonly ConcurrentDictionary<BenchmarkCase, IReadOnlyDictionary<string, string>> s_results = new();

    public string Id => "Probe." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(static c => typeof(IProbedBenchmark).IsAssignableFrom(c.Descriptor.Type));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (!typeof(IProbedBenchmark).IsAssignableFrom(benchmarkCase.Descriptor.Type))
        {
            return "-";
        }

        var values = s_results.GetOrAdd(benchmarkCase, Probe);
        return values.TryGetValue(name, out var value) ? value : "-";
    }

    private static IReadOnlyDictionary<string, string> Probe(BenchmarkCase benchmarkCase)
    {
        var descriptor = benchmarkCase.Descriptor;
        var suite = (IProbedBenchmark)Activator.CreateInstance(descriptor.Type)!;
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            var member = descriptor.Type.GetMember(parameter.Name, BindingFlags.Public | BindingFlags.Instance).Single();
            switch (member)
            {
                case PropertyInfo property:
                    property.SetValue(suite, parameter.Value);
                    break;
                case FieldInfo field:
                    field.SetValue(suite, parameter.Value);
                    break;
            }
        }

        Call(descriptor.GlobalSetupMethod, suite);
        try
        {
            suite.BeginProbe();
            for (var i = 0; i < suite.ProbeInvocations; i++)
            {
                Call(descriptor.WorkloadMethod, suite);
            }

            return suite.EndProbe(suite.ProbeInvocations);
        }
        catch (Exception ex)
        {
            return new Dictionary<string, string> { ["error"] = ex.GetType().Name };
        }
        finally
        {
            Call(descriptor.GlobalCleanupMethod, suite);
        }
    }

    /// <summary>Calls <paramref name="method"/> and waits for what it returns, if it is a task.</summary>
    private static void Call(MethodInfo? method, object target)
    {
        switch (method?.Invoke(target, null))
        {
            case Task task:
                task.GetAwaiter().GetResult();
                break;
            case ValueTask valueTask:
                valueTask.AsTask().GetAwaiter().GetResult();
                break;
            case { } result when result.GetType().IsGenericType && result.GetType().GetGenericTypeDefinition() == typeof(ValueTask<>):
                ((Task)result.GetType().GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(result, null)!).GetAwaiter().GetResult();
                break;
        }
    }

    /// <summary>Formats a per-call figure for a column.</summary>
    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Adds <see cref="ProbeColumn"/>s to a suite that implements <see cref="IProbedBenchmark"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ProbeColumnsAttribute(params string[] columns)
    : ColumnConfigBaseAttribute(columns.Select(static c => (IColumn)new ProbeColumn(c, ProbeColumnsAttribute.LegendOf(c))).ToArray())
{
    private static string LegendOf(string column) => column switch
    {
        "Redis cmds/op" => "Redis commands the server executed per benchmark call (INFO commandstats delta, measured in the host after the run)",
        "Hit ratio" => "Share of requests served from memory (factory not run) while replaying the trace",
        "Factory runs/op" => "Factory runs per benchmark call",
        _ => column,
    };
}
