using Fanout.Cli;

return await CliApp.RunAsync(args, new CliConsole(Console.Out, Console.Error), TimeProvider.System);
