using QuotePlatform.Testing;

namespace QuotePlatform.Cli.Tests.Support;

internal static class Unreachable
{
    /// <summary>A loopback address nothing listens on.</summary>
    public static string Address() => $"http://127.0.0.1:{LoopbackPort.Free()}";
}
