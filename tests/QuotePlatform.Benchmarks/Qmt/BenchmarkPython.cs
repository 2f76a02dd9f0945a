using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Python.Runtime;
using QuotePlatform.Ingest.Sources.Qmt;
using QuotePlatform.Ingest.Sources.Qmt.Python;

namespace QuotePlatform.Benchmarks.Qmt;

/// <summary>CPython for the QMT benchmarks: QP_PYTHON_DLL or Debian's libpython 3.11, the simulator beside the binary.</summary>
internal static class BenchmarkPython
{
    public static string PythonDll { get; } =
        Environment.GetEnvironmentVariable("QP_PYTHON_DLL") is { Length: > 0 } path ? path : "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0";

    public static string SimulatorFolder { get; } = Path.Combine(AppContext.BaseDirectory, "python", "simulator");

    public static PythonRuntime Start()
    {
        var runtime = new PythonRuntime(Options.Create(new QmtOptions { PythonDll = PythonDll, ModuleSearchPaths = [SimulatorFolder] }),
            NullLogger<PythonRuntime>.Instance);
        runtime.EnsureStarted();
        return runtime;
    }

    /// <summary>sim_configure(**settings) of the simulated xtdata.</summary>
    public static void ConfigureSimulator(params (string Name, object Value)[] settings)
    {
        using (Py.GIL())
        {
            using var module = Py.Import("xtquant.xtdata");
            using var kwargs = new PyDict();
            foreach (var (name, value) in settings)
            {
                kwargs[name] = value.ToPython();
            }

            module.InvokeMethod("sim_configure", Array.Empty<PyObject>(), kwargs).Dispose();
        }
    }
}
