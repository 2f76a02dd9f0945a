using QuotePlatform.Testing;

namespace QuotePlatform.Ingest.Tests.Qmt;

internal static class QmtTestSettings
{
    /// <summary>QP_PYTHON_DLL, else Debian's shared libpython 3.11.</summary>
    public static string PythonDll { get; } =
        Environment.GetEnvironmentVariable("QP_PYTHON_DLL") is { Length: > 0 } path ? path : "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0";

    public static string SimulatorFolder { get; } = TestRepository.PathOf("tools/xtquant-simulator");
}
