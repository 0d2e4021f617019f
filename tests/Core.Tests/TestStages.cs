using MusicPile.Core.Pipelines;
using MusicPile.Core.Records;
using MusicPile.Core.Text;

namespace MusicPile.Core.Tests;

/// <summary>Stages that exercise the runner itself: a generator and a filter over its output.</summary>
internal static class TestStages
{
    public static StageRegistry Registry() => new StageRegistry()
        .Add("generate", () => new Generate())
        .Add("filter", () => new Filter());

    /// <summary>Options of <see cref="Generate"/>.</summary>
    public sealed record GenerateOptions : IStageOptions
    {
        public int Rows { get; init; } = 100;

        public int FailRank { get; init; } = -1;

        public string? FailMarker { get; init; }

        public void Validate()
        {
            if (Rows < 0)
                throw new ArgumentException("rows must not be negative");
        }
    }

    /// <summary>Each task writes <c>rows</c> numbered records; fails when the file named by <c>fail_marker</c> exists.</summary>
    private sealed class Generate : IStage
    {
        public Type OptionsType => typeof(GenerateOptions);

        public Task<int> PlanAsync(StagePlan plan, CancellationToken ct) =>
            Task.FromResult(plan.Stage.Tasks > 0 ? plan.Stage.Tasks : plan.DefaultTasks);

        public async Task RunAsync(StageTask task, CancellationToken ct)
        {
            var options = task.Options<GenerateOptions>();
            var (rows, failMarker) = (options.Rows, options.FailMarker);
            for (var i = 0; i < rows; i++)
            {
                var id = task.Rank * 1_000_000L + i;
                var text = $"record {id}";
                task.Counters.AddIn();
                if (i == rows / 2 && task.Rank == options.FailRank && failMarker is not null && File.Exists(failMarker))
                    throw new InvalidOperationException("planted failure");
                await task.WriteAsync(new CorpusRecord(id, text, "gen", "text", ContentHash.Of(text), "gen://", "{}"), ct);
            }
        }
    }

    /// <summary>Keeps records whose id is not a multiple of 10; rejects the rest with a reason.</summary>
    private sealed class Filter : IStage
    {
        public Task<int> PlanAsync(StagePlan plan, CancellationToken ct) =>
            Task.FromResult(Math.Max(1, plan.Inputs.Count(i => i.Role == TaskOutputFile.Roles.Data)));

        public async Task RunAsync(StageTask task, CancellationToken ct)
        {
            foreach (var input in task.MyInputs)
            {
                await foreach (var r in Parquet.CorpusShardReader.ReadAsync(input.Path, ct))
                {
                    task.Counters.AddIn();
                    if (r.Id % 10 == 0)
                        await task.RejectAsync(new RejectRecord(r.Src, Path.GetFileName(input.Path), $"record {r.Id}", "multiple-of-ten", "id divisible by 10", r.Text), ct);
                    else
                        await task.WriteAsync(r, ct);
                }
            }
        }
    }
}
