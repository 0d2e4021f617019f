using TorchSharp;

namespace MusicPile.Train.Tests;

public sealed class TrainerTests(ITestOutputHelper output)
{
    [Fact]
    public void ValidationLossFallsOnRepetitiveData()
    {
        var dir = TestPaths.NewTempDir("musicpile-train");
        var config = SyntheticCorpus.Config(dir, SyntheticCorpus.Write(dir, "abc"), SyntheticCorpus.Write(dir, "text") with { Weight = 0.5 });
        var reports = new List<TrainProgress>();
        using var trainer = Trainer.Create(config, new InlineProgress(reports.Add));
        var summary = trainer.Run();

        Assert.Equal(100, summary.Step);
        var (first, last) = (summary.Validation[0].Loss["abc"], summary.Validation[^1].Loss["abc"]);
        output.WriteLine($"validation loss abc {first:F3} -> {last:F3}; {summary.TokensPerSecond:F0} tokens/s");
        Assert.True(first > 3.5, $"start loss {first} should be near ln(64)");
        Assert.True(last < first * 0.6, $"validation loss {first:F3} -> {last:F3} did not fall clearly");
        Assert.Contains("text", summary.Validation[^1].Loss.Keys);
        Assert.Equal(10, reports.Count(r => r.Kind == TrainEventKind.Train));
        Assert.All(reports.Where(r => r.Kind == TrainEventKind.Train), r => Assert.True(r.TokensPerSecond > 0 && r.Mfu > 0));
        Assert.NotNull(summary.LastCheckpoint);
        Assert.True(File.Exists(Path.Combine(summary.LastCheckpoint, "model.safetensors")));
        Assert.Empty(Directory.GetDirectories(config.OutputDir, ".step-*"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ResumeContinuesExactly(bool lora)
    {
        var dir = TestPaths.NewTempDir("musicpile-resume");
        var config = SyntheticCorpus.Config(dir, SyntheticCorpus.Write(dir, "abc")) with
        {
            TotalSteps = 8, WarmupSteps = 2, EvalInterval = 0, GradAccumulation = 2, MicroBatch = 4,
            Lora = lora ? new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.1 } : null,
        };

        var straight = new List<double>();
        using (var trainer = Trainer.Create(config))
        {
            for (var i = 0; i < 8; i++) straight.Add(trainer.TrainStep().Loss!.Value);
        }

        var resumed = new List<double>();
        string checkpoint;
        using (var trainer = Trainer.Create(config))
        {
            for (var i = 0; i < 4; i++) resumed.Add(trainer.TrainStep().Loss!.Value);
            checkpoint = trainer.SaveCheckpoint();
        }
        using (var trainer = Trainer.Resume(checkpoint))
        {
            Assert.Equal(4, trainer.Step);
            for (var i = 0; i < 4; i++) resumed.Add(trainer.TrainStep().Loss!.Value);
        }

        Assert.True(straight[..4].SequenceEqual(resumed[..4]), string.Join(" ", straight.Concat(resumed)));
        for (var i = 4; i < 8; i++)
            Assert.True(Math.Abs(straight[i] - resumed[i]) < 1e-5, $"step {i + 1}: {straight[i]} vs {resumed[i]}");
    }

    [Fact]
    public void ScheduleWarmsUpThenDecaysToMinimum()
    {
        var schedule = new LearningRateSchedule(1e-3, 1e-4, 10, 110);
        Assert.Equal(1e-3 / 11, schedule.At(0), 12);
        Assert.Equal(1e-3, schedule.At(10), 12);
        Assert.Equal(5.5e-4, schedule.At(60), 12);
        Assert.Equal(1e-4, schedule.At(110), 12);
        Assert.True(schedule.At(30) > schedule.At(31));
    }

    private sealed class InlineProgress(Action<TrainProgress> report) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value) => report(value);
    }
}
