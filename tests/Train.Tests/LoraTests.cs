using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train.Tests;

public sealed class LoraTests
{
    private static readonly long[] Ids = [1, 5, 9, 22, 3, 3, 17, 0];

    [Fact]
    public void FreshAdaptersLeaveLogitsUnchanged()
    {
        var weights = KnownCheckpoint.Weights(KnownCheckpoint.Config);
        using var model = HfCheckpoint.Load(KnownCheckpoint.WriteSingleFile(KnownCheckpoint.Config, weights));
        using var ids = tensor(Ids, [1, Ids.Length]);
        using var before = model.forward(ids);
        model.AddLora(new LoraOptions());
        model.train();
        using var after = model.forward(ids);
        Assert.True(before.allclose(after, rtol: 0, atol: 1e-6));
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToList();
        Assert.Equal(2 * 7 * KnownCheckpoint.Config.Layers, trainable.Count);
        Assert.All(trainable, n => Assert.Matches(@"\.lora_[AB]$", n));
        Assert.DoesNotContain(model.WeightNames, n => n.Contains("lora", StringComparison.Ordinal));
    }

    [Fact]
    public void MergedCheckpointReproducesTrainedAdapterLogits()
    {
        var dir = TestPaths.NewTempDir("musicpile-lora");
        var config = SyntheticCorpus.Config(dir, SyntheticCorpus.Write(dir, "abc")) with
        {
            TotalSteps = 5, WarmupSteps = 0, EvalInterval = 0,
            Lora = new LoraOptions { Rank = 4, Alpha = 16, Dropout = 0.1 },
        };
        using var trainer = Trainer.Create(config);
        using var ids = tensor(Ids, [1, Ids.Length]);
        trainer.Model.eval();
        using var baseLogits = trainer.Model.forward(ids);
        for (var i = 0; i < 3; i++) trainer.TrainStep();
        trainer.Model.eval();
        using var adapted = trainer.Model.forward(ids);
        Assert.False(baseLogits.allclose(adapted, rtol: 0, atol: 1e-4), "training the adapters should change the logits");

        var saved = Path.Combine(dir, "merged");
        HfCheckpoint.Save(trainer.Model, saved);
        using var merged = HfCheckpoint.Load(saved);
        Assert.DoesNotContain(merged.named_parameters(), p => p.name.Contains("lora", StringComparison.Ordinal));
        using var mergedLogits = merged.forward(ids);
        Assert.True(adapted.allclose(mergedLogits, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void OptionsValidate()
    {
        Assert.Throws<ArgumentException>(() => new LoraOptions { Rank = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new LoraOptions { TargetModules = ["qkv"] }.Validate());
        Assert.Equal(0.25, new LoraOptions().Scaling);
    }
}
