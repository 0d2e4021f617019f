using MusicPile.Train.Jobs;

namespace MusicPile.Train.Tests;

public sealed class TrainRecipeTests
{
    [Fact]
    public void The_shipped_configs_bind_into_typed_settings_and_pick_their_presets()
    {
        var tiny = TrainRecipe.Load(Path.Combine(TestPaths.RepoRoot, "pipelines", "train-tiny.yaml"));
        Assert.Equal(("llama2", 0.05, "tiny"), (tiny.Tokenizer, tiny.ValFraction, tiny.Model.Preset));
        Assert.Equal((256, 0.003, 250, ComputeDevice.Auto), (tiny.Trainer.SeqLen, tiny.Trainer.LearningRate, tiny.Trainer.TotalSteps, tiny.Trainer.Device));
        Assert.Equal(0.5, tiny.WeightOf("text"));

        var big = TrainRecipe.Load(Path.Combine(TestPaths.RepoRoot, "pipelines", "train-100m.yaml"));
        Assert.Null(big.Tokenizer);
        var model = big.Model.For(32000);
        Assert.Equal((768, 12, 4, 1024), (model.HiddenSize, model.NumHiddenLayers, model.NumKeyValueHeads, model.MaxPositionEmbeddings));
    }

    [Fact]
    public void Lora_settings_become_lora_options()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "lora.yaml");
        File.WriteAllText(path, "train:\n  lora_rank: 8\n  lora_dropout: 0.05\n");
        var recipe = TrainRecipe.Load(path);
        Assert.Equal((8, 16.0, 0.05), (recipe.Trainer.Lora!.Rank, recipe.Trainer.Lora.Alpha, recipe.Trainer.Lora.Dropout));
        Assert.Equal("lora", recipe.Name);
    }

    [Fact]
    public void Activation_checkpointing_is_a_boolean_that_defaults_off()
    {
        var dir = TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "on.yaml"), "train:\n  activation_checkpointing: true\n");
        File.WriteAllText(Path.Combine(dir, "off.yaml"), "train:\n  seq_len: 64\n");
        File.WriteAllText(Path.Combine(dir, "bad.yaml"), "train:\n  activation_checkpointing: sometimes\n");
        Assert.True(TrainRecipe.Load(Path.Combine(dir, "on.yaml")).Trainer.ActivationCheckpointing);
        Assert.False(TrainRecipe.Load(Path.Combine(dir, "off.yaml")).Trainer.ActivationCheckpointing);
        var error = Assert.ThrowsAny<Exception>(() => TrainRecipe.Load(Path.Combine(dir, "bad.yaml")));
        Assert.Contains("activation_checkpointing", error.Message, StringComparison.Ordinal);
    }
}
