using System.CommandLine;
using System.Globalization;
using MusicPile.Cli;
using MusicPile.Cli.Commands;

// Output never depends on the machine's locale; text is still normalised with the system's Unicode tables.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var root = new RootCommand("MusicPile: build a music-language corpus from ABC notation and music text, then train and serve a model on it.");
foreach (var option in GlobalOptions.All)
    root.Options.Add(option);
root.Subcommands.Add(DbCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(RunTaskCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
root.Subcommands.Add(SnapshotCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(AbcCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(TakedownCommand.Create());
root.Subcommands.Add(LineageCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine($"musicpile: {error.Message}");
    Console.Error.WriteLine("Try 'musicpile --help'.");
    return ExitCodes.Usage;
}
return await parsed.InvokeAsync();
