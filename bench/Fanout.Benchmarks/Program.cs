using Fanout.Benchmarks;

// dotnet run -c Release --project bench/Fanout.Benchmarks -- workspaces [--files 5000] [--tasks 10,20,50] [--repeat 3] [--settle 0]
if (args.Length == 0 || args[0] != "workspaces")
{
    await Console.Error.WriteLineAsync("usage: Fanout.Benchmarks workspaces [--files N] [--tasks N,N,...] [--repeat N] [--settle SECONDS]");
    return 2;
}

if (!BenchOptions.TryParse(args[1..], out var options, out var problem))
{
    await Console.Error.WriteLineAsync($"Fanout.Benchmarks: {problem}");
    return 2;
}

await new WorkspaceBenchmark(options, Console.Out).RunAsync(CancellationToken.None);
return 0;
