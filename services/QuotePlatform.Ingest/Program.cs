using QuotePlatform.Ingest;
using QuotePlatform.ServiceDefaults;

// Whole-market ticks from QMT (or a recording) → minute bars → batches to the relay.
// Runs as a console app and as a Windows Service; appsettings.json sits beside the binary.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Host.UseWindowsService(options => options.ServiceName = "QuotePlatform.Ingest");
builder.AddServiceDefaults();
builder.AddIngest();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
