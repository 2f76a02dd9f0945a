using QuotePlatform.Query.Hosting;
using QuotePlatform.ServiceDefaults;
using QuotePlatform.Streams.Hosting;

// Bars and latest quotes over gRPC and gRPC-Web, live subscriptions, consumer administration.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults();
builder.AddRedisStreams("redis");
builder.AddQueryService();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapQueryService();

app.Run();
