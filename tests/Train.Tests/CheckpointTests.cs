using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train.Tests;

public sealed class CheckpointTests
{
    private static readonly int[] Tokens = [1, 5, 9, 22, 3, 3, 17, 0, 11, 8];

    [Fact]
    public void KnownCheckpointLogitsMatchReferenceForwardPass()
    {
        var weights = KnownCheckpoint.Weights(KnownCheckpoint.Config);
        var dir = KnownCheckpoint.WriteSingleFile(KnownCheckpoint.Config, weights);
        using var model = HfCheckpoint.Load(dir);
        AssertMatchesReference(model, weights);
    }

    [Fact]
    public void UntiedCheckpointLogitsMatchReferenceForwardPass()
    {
        var config = KnownCheckpoint.Config with { Tied = false, KvHeads = 1 };
        var weights = KnownCheckpoint.Weights(config);
        var dir = KnownCheckpoint.WriteSingleFile(config, weights);
        using var model = HfCheckpoint.Load(dir);
        Assert.Contains("lm_head.weight", model.WeightNames);
        AssertMatchesReference(model, weights, config);
    }

    [Fact]
    public void ShardedCheckpointLoads()
    {
        var weights = KnownCheckpoint.Weights(KnownCheckpoint.Config);
        var dir = KnownCheckpoint.WriteSharded(KnownCheckpoint.Config, weights);
        using var model = HfCheckpoint.Load(dir);
        AssertMatchesReference(model, weights);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(4000L)]
    public void SavedModelLoadsWithSameLogits(long maxShardBytes)
    {
        var config = new LlamaConfig { VocabSize = 31, HiddenSize = 16, IntermediateSize = 24, NumHiddenLayers = 2, NumAttentionHeads = 4, NumKeyValueHeads = 2, MaxPositionEmbeddings = 64 };
        using var model = new LlamaForCausalLM(config, seed: 7);
        var dir = TestPaths.NewTempDir("musicpile-save");
        HfCheckpoint.Save(model, dir, maxShardBytes: maxShardBytes);
        Assert.Equal(maxShardBytes > 0, File.Exists(Path.Combine(dir, HfCheckpoint.IndexFile)));
        using var loaded = HfCheckpoint.Load(dir);
        Assert.Equal(config, loaded.Config with { Architectures = config.Architectures });
        using var ids = tensor(Tokens.Select(t => (long)t).ToArray(), [1, Tokens.Length]);
        using var expected = model.forward(ids);
        using var actual = loaded.forward(ids);
        Assert.True(expected.allclose(actual, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void MissingWeightIsReported()
    {
        var weights = KnownCheckpoint.Weights(KnownCheckpoint.Config);
        weights.Remove("model.layers.1.mlp.up_proj.weight");
        var dir = KnownCheckpoint.WriteSingleFile(KnownCheckpoint.Config, weights);
        var error = Assert.Throws<TrainFormatException>(() => HfCheckpoint.Load(dir).Dispose());
        Assert.Contains("model.layers.1.mlp.up_proj.weight", error.Message);
    }

    internal static void AssertMatchesReference(LlamaForCausalLM model, Dictionary<string, (long[] Shape, float[] Data)> weights, ReferenceConfig? config = null)
    {
        var reference = new ReferenceLlama(config ?? KnownCheckpoint.Config, weights.ToDictionary(w => w.Key, w => w.Value.Data));
        var expected = reference.Logits(Tokens);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var ids = tensor(Tokens.Select(t => (long)t).ToArray(), [1, Tokens.Length]);
        var logits = model.forward(ids).to(ScalarType.Float64).data<double>().ToArray();
        var vocab = expected.GetLength(1);
        Assert.Equal(expected.Length, logits.Length);
        var worst = 0.0;
        for (var p = 0; p < Tokens.Length; p++)
            for (var v = 0; v < vocab; v++)
                worst = Math.Max(worst, Math.Abs(expected[p, v] - logits[p * vocab + v]));
        Assert.True(worst < 1e-4, $"largest logit difference {worst}");
        Assert.True(Enumerable.Range(0, vocab).Select(v => Math.Abs(expected[3, v])).Max() > 0.1, "logits are not trivially small");
    }
}
