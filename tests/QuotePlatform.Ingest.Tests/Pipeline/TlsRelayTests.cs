using QuotePlatform.Ingest.Tests.Support;
using QuotePlatform.Testing;
using QuotePlatform.Testing.Tls;

namespace QuotePlatform.Ingest.Tests.Pipeline;

/// <summary>
/// The ingest publishing to a relay over TLS, with certificates of a private CA made for the test:
/// the relay's certificate is checked against the CA file; a bad one is refused with a log line
/// that says why, and the spool keeps every batch until a good connection.
/// </summary>
public sealed class TlsRelayTests : IAsyncLifetime
{
    // A recorded day (5.75 h of ticks) replayed at this pace takes about ten seconds: time to break things.
    private const double Speed = 2_000;

    private readonly TestCertificates _certificates = new();
    private RecordedDay _day = null!;

    private string Spool => Path.Combine(_day.Directory, "spool");

    private Dictionary<string, string> TrustTheCa => new() { ["Ingest__Relay__CaFile"] = _certificates.CaFile };

    public async Task InitializeAsync() => _day = await RecordedDay.CreateAsync();

    public Task DisposeAsync()
    {
        _day.Dispose();
        _certificates.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Replay_TlsRelayKilledMidStreamAndRestarted_EveryBarOnce()
    {
        await using var relay = await Relay.StartTlsAsync(_certificates.Server());
        await using var ingest = await IngestProcess.StartReplayAsync(_day, relay.Address, relay.ApiKey, Spool, Speed, TrustTheCa);
        await Poll.UntilAsync(async () => await relay.FinalBarCountAsync() > 500, TimeSpan.FromMinutes(2), () => ingest.Output);

        await relay.KillAsync();
        await relay.RestartTlsAsync(_certificates.Server());
        var exit = await ingest.WaitForExitAsync(IngestProcess.ExitTimeout);

        Assert.True(exit == 0, $"exit {exit}\n{ingest.Output}");
        Assert.Matches(@"reconnects [1-9]", ingest.Output);
        Assert.Equal(_day.ExpectedFinalBars, await StoredAsync(relay));
    }

    [Theory]
    [InlineData("wrong-host", "is not for the host name")]
    [InlineData("expired", "NotTimeValid")]
    [InlineData("unknown-issuer", "is not trusted by the CA file")]
    public async Task Replay_BadRelayCertificate_RefusedWithReasonNothingSentThenAllAfterAGoodOne(string certificate, string reason)
    {
        var bad = certificate switch
        {
            "wrong-host" => _certificates.WrongHost(),
            "expired" => _certificates.Expired(),
            _ => TestCertificates.UnknownIssuer(_certificates.Directory),
        };
        await using var relay = await Relay.StartTlsAsync(bad);
        await using var ingest = await IngestProcess.StartReplayAsync(_day, relay.Address, relay.ApiKey, Spool, extra: TrustTheCa);

        await Poll.UntilAsync(
            () => Task.FromResult(ingest.Output.Contains("TLS: the relay at", StringComparison.Ordinal)), TimeSpan.FromMinutes(2), () => ingest.Output);
        Assert.Contains(reason, ingest.Output, StringComparison.Ordinal);
        Assert.Equal(0, await relay.FinalBarCountAsync());

        await relay.KillAsync();
        await relay.RestartTlsAsync(_certificates.Server());
        var exit = await ingest.WaitForExitAsync(IngestProcess.ExitTimeout);

        Assert.True(exit == 0, $"exit {exit}\n{ingest.Output}");
        Assert.Equal(_day.ExpectedFinalBars, await StoredAsync(relay));
    }

    [Fact]
    public async Task Replay_ClientCertificateInsteadOfApiKey_EveryBarDelivered()
    {
        var client = _certificates.Client("ingest-desk");
        await using var relay = await Relay.StartTlsAsync(_certificates.Server(), _certificates.CaFile);
        var settings = new Dictionary<string, string>(TrustTheCa)
        {
            ["Ingest__Relay__ApiKey"] = "",
            ["Ingest__Relay__ClientCertificateFile"] = client.CertificateFile,
            ["Ingest__Relay__ClientKeyFile"] = client.KeyFile,
        };
        await using var ingest = await IngestProcess.StartReplayAsync(_day, relay.Address, relay.ApiKey, Spool, extra: settings);

        var exit = await ingest.WaitForExitAsync(IngestProcess.ExitTimeout);

        Assert.True(exit == 0, $"exit {exit}\n{ingest.Output}\nrelay:\n{relay.Output}");
        Assert.Equal(_day.ExpectedFinalBars, await StoredAsync(relay));
    }

    private static async Task<List<string>> StoredAsync(Relay relay) =>
        [.. (await relay.FinalBarsAsync()).Select(RecordedDay.Key).Order(StringComparer.Ordinal)];
}
