namespace MusicPile.Cli.Tests;

/// <summary>Training configs are bound into typed settings once: a bad value or an unknown key is exit 2 naming the file and the key.</summary>
public sealed class TrainConfigTests
{
    [Theory]
    [InlineData("train:\n  seq_len: 64\n  learning_rate: fast\n", "train.learning_rate", "'fast' is not a number")]
    [InlineData("train:\n  micro_batch: 2.5\n", "train.micro_batch", "not a whole number")]
    [InlineData("train:\n  warmup_steps: -3\n", "train.warmup_steps", "below")]
    [InlineData("train:\n  learnin_rate: 0.001\n", "train.learnin_rate", "unknown setting")]
    [InlineData("model:\n  preset: 7b\n", "model.preset", "not one of tiny, 100m")]
    [InlineData("kinds: [abc, music]\n", "kinds", "'music' is not one of")]
    [InlineData("weights: { abc: heavy }\n", "weights.abc", "not a number")]
    [InlineData("val_fraction: 0.05\nepochs: 3\n", "epochs", "unknown setting")]
    public async Task A_bad_value_or_an_unknown_key_exits_2_naming_the_file_and_the_key(string yaml, string key, string reason)
    {
        var home = TestPaths.NewTempDir();
        var config = Path.Combine(home, "bad.yaml");
        await File.WriteAllTextAsync(config, "name: bad\n" + yaml);
        var r = await Cli.RunAsync("train", "--export", "e-000000000000", "--config", config, "--home", home);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.StdErr.Trim().Split('\n'));
        Assert.StartsWith($"musicpile: {config}:", line, StringComparison.Ordinal);
        Assert.Contains($" {key}: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }
}
