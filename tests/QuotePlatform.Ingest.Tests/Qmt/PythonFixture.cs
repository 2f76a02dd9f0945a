using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuotePlatform.Ingest.Sources.Qmt;
using QuotePlatform.Ingest.Sources.Qmt.Python;

namespace QuotePlatform.Ingest.Tests.Qmt;

/// <summary>
/// The test process's one CPython (pythonnet starts it once per process) with the simulated xtdata
/// on its path; shut down after the collection's last test.
/// </summary>
public sealed class PythonFixture : IDisposable
{
    public PythonFixture()
    {
        Runtime = new PythonRuntime(Options.Create(new QmtOptions
        {
            PythonDll = QmtTestSettings.PythonDll,
            ModuleSearchPaths = [QmtTestSettings.SimulatorFolder],
        }), NullLogger<PythonRuntime>.Instance);
        Runtime.EnsureStarted();
    }

    public PythonRuntime Runtime { get; }

    public void Dispose() => Runtime.Dispose();
}
