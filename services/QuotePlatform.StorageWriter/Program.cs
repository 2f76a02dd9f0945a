using QuotePlatform.ServiceDefaults;
using QuotePlatform.StorageWriter;

// Redis Streams consumer group into ClickHouse; a small web host serves the health endpoints.
// appsettings.json sits beside the binary, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults();
builder.AddStorageWriter();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
