using MusicPile.Tokenize;
using Npgsql;

namespace MusicPile.Cli;

/// <summary>The short training run at the end of the demo.</summary>
internal static class DemoTraining
{
    public sealed record Result(string? Checkpoint, int Steps, IReadOnlyList<double> ValLoss, double TokensPerSecond);

    public static Task<Result?> RunAsync(CliContext ctx, NpgsqlDataSource db, string snapshot, SnapshotExporter.ExportRow export, int steps, CancellationToken ct)
    {
        _ = (ctx, db, snapshot, export, steps, ct);
        return Task.FromResult<Result?>(null);
    }
}
