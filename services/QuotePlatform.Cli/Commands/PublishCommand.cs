using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using QuotePlatform.Cli.Publishing;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote publish --ticks ticks.jsonl --relay URL --api-key-file FILE [...]`: runs the bar engine over
/// recorded pushes and publishes final bars, forming updates and latest quotes to the relay.
/// Sequences start at the start time in epoch ms × 1000 unless --first-sequence is given: a later run
/// of the same producer then always numbers above an earlier one (the relay would take a repeated
/// sequence for a resend and drop it), unless one run sent more than 1000 batches per millisecond.
/// </summary>
internal static class PublishCommand
{
    public const string ApiKeyVariable = "QP_RELAY_API_KEY";

    public static Command Create(TimeProvider time)
    {
        var ticks = new Option<FileInfo>("--ticks") { Description = "JSON Lines of xtquant whole-quote payloads", Required = true };
        var relay = new Option<string>("--relay") { Description = "Relay address, e.g. http://127.0.0.1:5100", Required = true };
        relay.Validators.Add(result => Require(result, ParseRelay(result.GetValueOrDefault<string>()) is not null, "--relay must be an http:// or https:// address"));
        var apiKeyFile = new Option<FileInfo?>("--api-key-file")
        {
            Description = $"File holding the producer's API key (default: environment {ApiKeyVariable}); never pass the key itself",
        };
        var producer = new Option<string>("--producer") { Description = "Producer id sent with each batch (informational)", DefaultValueFactory = _ => "dev" };
        var periods = BarOptions.Periods("Comma-separated periods to publish");
        var auctionBar = BarOptions.AuctionBar();
        var grace = BarOptions.GraceSeconds();
        var speed = new Option<double>("--speed")
        {
            Description = "0: as fast as possible; X: replay at X times the ticks' clock (60: a minute of trading per second)",
            DefaultValueFactory = _ => 0,
        };
        speed.Validators.Add(result => Require(result, result.GetValueOrDefault<double>() is >= 0 and <= 1_000_000, "--speed must be between 0 and 1000000"));
        var batchBars = new Option<int>("--batch-bars") { Description = "Bars per batch at most", DefaultValueFactory = _ => 5_200 };
        batchBars.Validators.Add(result => Require(result, result.GetValueOrDefault<int>() is >= 1 and <= 100_000, "--batch-bars must be between 1 and 100000"));
        var window = new Option<int>("--window") { Description = "Batches sent and not yet answered, at most", DefaultValueFactory = _ => 8 };
        window.Validators.Add(result => Require(result, result.GetValueOrDefault<int>() is >= 1 and <= 1024, "--window must be between 1 and 1024"));
        var maxAttempts = new Option<int>("--max-attempts") { Description = "Sends of a batch answered FAILED before giving up", DefaultValueFactory = _ => 5 };
        maxAttempts.Validators.Add(result => Require(result, result.GetValueOrDefault<int>() is >= 1 and <= 100, "--max-attempts must be between 1 and 100"));
        var firstSequence = new Option<ulong?>("--first-sequence") { Description = "Sequence of the first batch (default: start time in epoch ms × 1000)" };
        firstSequence.Validators.Add(result => Require(result, result.GetValueOrDefault<ulong?>() is null or > 0, "--first-sequence must be 1 or more"));

        var command = new Command("publish", "Synthesize bars from recorded pushes and publish them to the relay over gRPC")
        {
            ticks, relay, apiKeyFile, producer, periods, auctionBar, grace, speed, batchBars, window, maxAttempts, firstSequence,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (ReadApiKey(parse.GetValue(apiKeyFile), error) is not { } apiKey)
            {
                return 2;
            }

            var settings = new PublishSettings
            {
                Relay = ParseRelay(parse.GetValue(relay))!,
                ApiKey = apiKey,
                Producer = parse.GetValue(producer)!,
                Periods = BarOptions.ParsePeriods(parse.GetValue(periods))!,
                AuctionBar = BarOptions.ToAuctionBar(parse.GetValue(auctionBar)),
                Grace = TimeSpan.FromSeconds(parse.GetValue(grace)),
                Speed = parse.GetValue(speed),
                BatchBars = parse.GetValue(batchBars),
                Window = parse.GetValue(window),
                MaxAttempts = parse.GetValue(maxAttempts),
                FirstSequence = parse.GetValue(firstSequence) ?? ((ulong)time.GetUtcNow().ToUnixTimeMilliseconds() * 1000),
            };
            return await ExecuteAsync(parse.GetValue(ticks)!, settings, parse.InvocationConfiguration.Output, error, time, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(
        FileInfo ticks, PublishSettings settings, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        FileStream input;
        try
        {
            input = new FileStream(ticks.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"cannot read --ticks {ticks.FullName}: {ex.Message}");
            return 1;
        }

        await using (input)
        {
            try
            {
                var summary = await PublishRunner.RunAsync(input, settings, error, time, cancellationToken);
                await output.WriteLineAsync(summary.ToString());
                return 0;
            }
            catch (RpcException ex)
            {
                await error.WriteLineAsync(Explain(ex, settings.Relay));
                return 1;
            }
            catch (PublishFailedException ex)
            {
                await error.WriteLineAsync($"publish failed: {ex.Message}");
                return 1;
            }
        }
    }

    private static string Explain(RpcException ex, Uri relay) => ex.StatusCode switch
    {
        StatusCode.Unauthenticated =>
            $"the relay at {relay} refused the API key ({ex.Status.Detail}): check --api-key-file or {ApiKeyVariable} against the relay's Relay:Producers",
        StatusCode.Unavailable => $"cannot reach the relay at {relay}: {ex.Status.Detail} {ex.Status.DebugException?.InnerException?.Message}".TrimEnd(),
        _ => $"the relay at {relay} ended the call: {ex.StatusCode}: {ex.Status.Detail}",
    };

    private static string? ReadApiKey(FileInfo? file, TextWriter error)
    {
        string? key;
        if (file is not null)
        {
            try
            {
                key = File.ReadAllText(file.FullName).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"cannot read --api-key-file {file.FullName}: {ex.Message}");
                return null;
            }
        }
        else
        {
            key = Environment.GetEnvironmentVariable(ApiKeyVariable)?.Trim();
        }

        if (string.IsNullOrEmpty(key))
        {
            error.WriteLine(file is null
                ? $"no API key: give --api-key-file FILE or set {ApiKeyVariable}"
                : $"--api-key-file {file.FullName} is empty");
            return null;
        }

        return key;
    }

    private static Uri? ParseRelay(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    private static void Require(System.CommandLine.Parsing.OptionResult result, bool valid, string message)
    {
        if (!valid)
        {
            result.AddError(message);
        }
    }
}
