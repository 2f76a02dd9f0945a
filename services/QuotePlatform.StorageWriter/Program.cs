using QuotePlatform.ServiceDefaults;
using QuotePlatform.StorageWriter;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStorageWriter();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
