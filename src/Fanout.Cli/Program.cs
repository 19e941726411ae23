using Fanout.Cli;
using Fanout.Core;
using Fanout.Orchestration.Session;

// Task workers spend most of their time awaiting git and agents, but SQLite calls are synchronous:
// without a higher floor the pool grows a thread at a time and workers start staggered, not at once.
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));

return await CliApp.RunAsync(args, FanoutHost.For(new FanoutConsole(Console.Out, Console.Error)));
