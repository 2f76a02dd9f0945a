using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using QuotePlatform.Testing.FullMarket.Market;
using QuotePlatform.Ingest;
using QuotePlatform.Ingest.Sources;

namespace QuotePlatform.Testing.FullMarket.Ingest;

/// <summary>
/// The ingest service's own pipeline (bar engine stage, batch builder, durable spool, relay
/// publisher) hosted in this process with the generated day as its replay source; it stops by
/// itself once every batch is acknowledged, as `Ingest:Replay:ExitWhenDone` does.
/// </summary>
public sealed class RealIngest(Func<MarketDay> createDay, Uri relay, string producerId, string apiKey, SentBatchTap tap)
{
    public MarketDayTickSource Source { get; } = new(createDay, TimeProvider.System);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var spool = Directory.CreateTempSubdirectory("qp-bench-spool-");
        // The replay source's file check wants a file; the generated day replaces the file source below.
        var placeholder = Path.Combine(spool.FullName, "generated-day.jsonl");
        await File.WriteAllTextAsync(placeholder, "", cancellationToken);
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ingest:Source"] = "Replay",
                ["Ingest:Replay:Path"] = placeholder,
                ["Ingest:Relay:Url"] = relay.ToString(),
                ["Ingest:Relay:ApiKey"] = apiKey,
                ["Ingest:Relay:ProducerId"] = producerId,
                ["Ingest:Spool:Directory"] = Path.Combine(spool.FullName, "spool"),
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:QuotePlatform.Ingest.Telemetry"] = "Information",
            });
            builder.AddIngest();
            builder.Services.AddSingleton<ITickSource>(Source);
            builder.Services.AddSingleton(provider => provider.GetRequiredService<GrpcChannel>().CreateCallInvoker().Intercept(tap));
            await using var app = builder.Build();
            await app.RunAsync(cancellationToken);
        }
        finally
        {
            spool.Delete(recursive: true);
        }
    }
}
