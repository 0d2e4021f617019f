using MusicPile.Core.Pipelines;

namespace MusicPile.Cli;

/// <summary>
/// Shows a run's progress on stderr: a bar redrawn in place on a terminal, plain log lines when stderr is a file
/// or a pipe (cron, Slurm, CI), so logs stay readable.
/// </summary>
internal sealed class ProgressView : IProgress<RunEvent>
{
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly object _gate = new();

    public void Report(RunEvent e)
    {
        lock (_gate)
        {
            var ts = DateTime.UtcNow.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            switch (e.Kind)
            {
                case RunEventKind.RunStarted:
                    Console.Error.WriteLine($"{ts} run {e.RunId} ({e.Message})");
                    break;
                case RunEventKind.StageStarted:
                    Console.Error.WriteLine($"{ts} stage {e.Stage}: {e.TasksTotal} tasks" + (e.TasksDone > 0 ? $", {e.TasksDone} already done" : ""));
                    if (_terminal)
                        DrawBar(e);
                    break;
                case RunEventKind.TaskDone:
                    if (_terminal)
                        DrawBar(e);
                    else
                        Console.Error.WriteLine($"{ts} stage {e.Stage}: task {e.TasksDone}/{e.TasksTotal} done");
                    break;
                case RunEventKind.StageDone:
                    if (_terminal)
                        Console.Error.WriteLine();
                    Console.Error.WriteLine($"{ts} stage {e.Stage}: done");
                    break;
                case RunEventKind.TaskFailed:
                    if (_terminal)
                        Console.Error.WriteLine();
                    Console.Error.WriteLine($"{ts} stage {e.Stage}: {e.Message}");
                    break;
                case RunEventKind.RunDone:
                    Console.Error.WriteLine($"{ts} run {e.RunId} succeeded");
                    break;
                default:
                    Console.Error.WriteLine($"{ts} {e.Kind} {e.Stage} {e.Message}");
                    break;
            }
        }
    }

    private static void DrawBar(RunEvent e)
    {
        const int width = 30;
        var filled = e.TasksTotal == 0 ? width : e.TasksDone * width / e.TasksTotal;
        Console.Error.Write($"\r  [{new string('#', filled)}{new string('.', width - filled)}] {e.TasksDone}/{e.TasksTotal} {e.Stage}   ");
    }
}
