using MusicPile.Core;
using Npgsql;

namespace MusicPile.Train.Jobs;

/// <summary>
/// The short training run at the end of the demo: pipelines/train-tiny.yaml for a few steps on the export the demo
/// just made, with that export's tokenizer and validation split.
/// </summary>
public static class DemoTraining
{
    public static async Task<TrainJob.Result?> RunAsync(MusicPileHome home, NpgsqlDataSource db, string exportId, int steps, TextWriter log, CancellationToken ct)
    {
        if (steps <= 0)
            return null;
        var recipe = TrainRecipe.Load(Path.Combine(AppContext.BaseDirectory, "pipelines", "train-tiny.yaml"));
        recipe = recipe with
        {
            Tokenizer = null,
            ValFraction = null,
            Trainer = recipe.Trainer with { MicroBatch = 8, EvalBatches = 4, LogInterval = 10 },
        };
        return await new TrainJob(db, home, log).RunOnExportAsync(exportId, recipe, new TrainRunOptions(Steps: steps), ct).ConfigureAwait(false);
    }
}
