using Fanout.Bench;

// Measured runs are child processes; this process only waits for them, reads files and serves the simulated GitHub.
return await BenchApp.RunAsync(args, Console.Out, Console.Error);
