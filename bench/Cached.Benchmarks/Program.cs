using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;

// --quick: every benchmark runs a handful of iterations in-process; a smoke test that the suites work, not a measurement.
var quick = args.Contains("--quick");
var config = quick
    ? DefaultConfig.Instance.AddJob(Job.Dry.WithToolchain(InProcessNoEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator)
    : DefaultConfig.Instance;

// A leading "--" (./build.sh bench -- --filter ...) is the shell's separator, not an argument.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args.Where(a => a is not ("--quick" or "--")).ToArray(), config);

return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
