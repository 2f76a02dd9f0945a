using QuotePlatform.Query.Access;
using QuotePlatform.Query.Admin;
using QuotePlatform.Query.Hosting;
using QuotePlatform.Query.Live;
using QuotePlatform.ServiceDefaults;
using QuotePlatform.Streams.Hosting;

// Bars and latest quotes over gRPC and gRPC-Web, live subscriptions, consumer administration.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults();
builder.AddRedisStreams("redis");
builder.AddQueryService();
builder.AddLiveSubscriptions();
builder.AddReadAccess();
builder.AddAdministration();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapQueryService();
app.MapLiveSubscriptions();
app.MapAdministration();

app.Run();
