using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Python.Runtime;

namespace QuotePlatform.Ingest.Sources.Qmt.Python;

/// <summary>
/// The process's one embedded CPython. pythonnet can start the interpreter once per process, so this
/// is a singleton; disposing it shuts the engine down, without which the process hangs at exit.
/// </summary>
public sealed partial class PythonRuntime(IOptions<QmtOptions> options, ILogger<PythonRuntime> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private nint _mainThreadState;
    private int _startingThread;
    private bool _started;
    private bool _disposed;

    /// <summary>Starts CPython (once) and puts the bridge and the configured folders first on sys.path.</summary>
    public void EnsureStarted()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            var settings = options.Value;
            if (!File.Exists(settings.PythonDll))
            {
                throw new InvalidOperationException($"Ingest:Qmt:PythonDll: no file at '{settings.PythonDll}'");
            }

            Runtime.PythonDLL = settings.PythonDll;
            PythonEngine.Initialize();
            using (Py.GIL())
            {
                using var sys = Py.Import("sys");
                using var path = sys.GetAttr("path");
                var folders = settings.ModuleSearchPaths.Select(Resolve).Prepend(Resolve(Path.Combine("python", "bridge"))).Reverse();
                foreach (var folder in folders)
                {
                    using var entry = new PyString(folder);
                    path.InvokeMethod("insert", new PyInt(0), entry).Dispose();
                }

                LogStarted(logger, settings.PythonDll, sys.GetAttr("version").ToString() ?? "?");
            }

            // Other threads (xtquant's, the link watch) take the GIL when they need it.
            _mainThreadState = PythonEngine.BeginAllowThreads();
            _startingThread = Environment.CurrentManagedThreadId;
            _started = true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (!_started)
            {
                return;
            }

            // The saved thread state belongs to the starting thread; elsewhere Shutdown takes the GIL itself.
            if (Environment.CurrentManagedThreadId == _startingThread)
            {
                PythonEngine.EndAllowThreads(_mainThreadState);
            }

            PythonEngine.Shutdown();
            LogShutDown(logger);
        }
    }

    private static string Resolve(string folder) => Path.GetFullPath(folder, AppContext.BaseDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "CPython started from {Library}: {Version}")]
    private static partial void LogStarted(ILogger logger, string library, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "CPython shut down")]
    private static partial void LogShutDown(ILogger logger);
}
