using BenchmarkDotNet.Running;
using QuotePlatform.Benchmarks;

// Usage:
//   dotnet run -c Release --project tests/QuotePlatform.Benchmarks -- NAME [args]   a server benchmark
//   dotnet run -c Release --project tests/QuotePlatform.Benchmarks -- bdn [BenchmarkDotNet args]
var commands = typeof(IBenchmarkCommand).Assembly.GetTypes()
    .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(IBenchmarkCommand)))
    .Select(type => (IBenchmarkCommand)Activator.CreateInstance(type)!)
    .ToDictionary(command => command.Name, StringComparer.Ordinal);

if (args is ["bdn", .. var bdnArgs])
{
    BenchmarkSwitcher.FromAssembly(typeof(IBenchmarkCommand).Assembly).Run(bdnArgs);
    return 0;
}

if (args.Length == 0 || !commands.TryGetValue(args[0], out var selected))
{
    Console.Error.WriteLine("usage: QuotePlatform.Benchmarks NAME [args] | bdn [BenchmarkDotNet args]");
    foreach (var command in commands.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
    {
        Console.Error.WriteLine($"  {command.Name,-20} {command.Description}");
    }

    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
await selected.RunAsync(args[1..], cancellation.Token);
return 0;
