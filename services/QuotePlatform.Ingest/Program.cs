using QuotePlatform.Ingest;
using QuotePlatform.Ingest.History;
using QuotePlatform.ServiceDefaults;

// Whole-market ticks from QMT (or a recording) → minute bars → batches to the relay; or, with the
// `backfill` verb, past trading days imported from the terminal the same way.
// Runs as a console app and as a Windows Service; appsettings.json sits beside the binary.
HistoryRequest? backfill = null;
if (BackfillArguments.IsBackfill(args))
{
    try
    {
        (backfill, args) = BackfillArguments.Parse(args);
    }
    catch (FormatException ex)
    {
        Console.Error.WriteLine($"backfill: {ex.Message}\n{BackfillArguments.Usage}");
        return 2;
    }
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Host.UseWindowsService(options => options.ServiceName = "QuotePlatform.Ingest");
builder.AddServiceDefaults();
if (backfill is null)
{
    builder.AddIngest();
}
else
{
    builder.AddHistoryImport(backfill);
}

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
return Environment.ExitCode;
