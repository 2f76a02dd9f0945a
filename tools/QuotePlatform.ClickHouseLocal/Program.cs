using QuotePlatform.ClickHouseLocal;
using QuotePlatform.ServiceDefaults;

// The ClickHouse 26.7 engine (chDB's libchdb.so) served over the ClickHouse HTTP interface,
// for machines where no clickhouse-server runs.
// appsettings.json sits beside the binary, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults();
builder.AddClickHouseLocal();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapClickHouseHttpInterface();

app.Run();
