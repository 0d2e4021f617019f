using MusicPile.Core;
using Npgsql;

namespace MusicPile.Train.Jobs;

/// <summary>The short training run at the end of the demo: pipelines/train-tiny.yaml for a few steps.</summary>
public static class DemoTraining
{
    public static async Task<TrainJob.Result?> RunAsync(MusicPileHome home, NpgsqlDataSource db, string snapshot, int steps, TextWriter log, CancellationToken ct)
    {
        if (steps <= 0)
            return null;
        var recipe = TrainRecipe.Load(Path.Combine(AppContext.BaseDirectory, "pipelines", "train-tiny.yaml"));
        recipe = recipe with { Train = new Dictionary<string, string>(recipe.Train) { ["micro_batch"] = "8", ["eval_batches"] = "4", ["log_interval"] = "10" } };
        return await new TrainJob(db, home, log).RunAsync(snapshot, recipe, null, resume: false, steps, ct).ConfigureAwait(false);
    }
}
