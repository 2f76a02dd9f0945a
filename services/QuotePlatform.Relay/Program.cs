using QuotePlatform.Relay;
using QuotePlatform.ServiceDefaults;
using QuotePlatform.Streams.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisStreams("redis");
builder.AddRelay();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRelay();

app.Run();
