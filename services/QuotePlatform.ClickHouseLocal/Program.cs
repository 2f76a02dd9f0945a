using QuotePlatform.ClickHouseLocal;
using QuotePlatform.ServiceDefaults;

// The ClickHouse 26.7 engine (chDB's libchdb.so) served over the ClickHouse HTTP interface,
// for machines where no clickhouse-server runs.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddClickHouseLocal();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapClickHouseHttpInterface();

app.Run();
