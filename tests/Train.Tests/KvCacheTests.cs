using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train.Tests;

public sealed class KvCacheTests
{
    private static readonly long[] Sequence = [1, 5, 9, 22, 3, 3, 17, 0, 11, 8, 30, 2, 14, 14, 7, 19];

    // Pieces fed through the cache: a prompt, single tokens, then several tokens at once on a filled cache.
    private static readonly int[] Pieces = [6, 1, 1, 4, 1, 3];

    private static LlamaConfig Config(int kvHeads, bool tied = true) => new()
    {
        VocabSize = 31, HiddenSize = 32, IntermediateSize = 48, NumHiddenLayers = 2,
        NumAttentionHeads = 4, NumKeyValueHeads = kvHeads, MaxPositionEmbeddings = 64, TieWordEmbeddings = tied,
    };

    [Theory]
    [InlineData(4, true)]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void CachedPiecesGiveTheLogitsOfTheFullForward(int kvHeads, bool tied)
    {
        using var model = new LlamaForCausalLM(Config(kvHeads, tied), seed: 3);
        model.eval();
        AssertCachedMatchesFull(model);
    }

    [Fact]
    public void CachedPiecesMatchWithLoraAdapters()
    {
        using var model = new LlamaForCausalLM(Config(2), seed: 4);
        model.AddLora(new LoraOptions { Rank = 4, Alpha = 8 });
        using (no_grad())
        {
            // Fresh adapters are a no-op; give B weights so the adapters change the output.
            using var generator = new Generator(42, CPU);
            foreach (var (_, parameter) in model.named_parameters().Where(p => p.name.EndsWith(".lora_B", StringComparison.Ordinal)))
                parameter.copy_(randn(parameter.shape, generator: generator) * 0.2);
        }
        model.eval();
        using var plain = new LlamaForCausalLM(Config(2), seed: 4);
        plain.eval();
        using var ids = tensor(Sequence, [1, Sequence.Length]);
        using var adapted = model.forward(ids);
        using var unadapted = plain.forward(ids);
        Assert.False(adapted.allclose(unadapted, rtol: 0, atol: 1e-3), "the adapters should change the logits");
        AssertCachedMatchesFull(model);
    }

    [Fact]
    public void BatchedSequencesDecodeIndependently()
    {
        using var model = new LlamaForCausalLM(Config(2), seed: 5);
        model.eval();
        using var guard = no_grad();
        var reversed = Sequence.Reverse().ToArray();
        using var both = tensor(Sequence.Concat(reversed).ToArray(), [2, Sequence.Length]);
        using var full = model.forward(both);
        using var cache = model.CreateKvCache(Sequence.Length, batch: 2);
        using var prompt = both.narrow(1, 0, 10);
        using var first = model.NextTokenLogits(prompt, cache);
        Assert.Equal([2L, 31L], first.shape);
        Assert.True(full.select(1, 9).allclose(first, rtol: 0, atol: 1e-5));
        for (var position = 10; position < Sequence.Length; position++)
        {
            using var token = both.narrow(1, position, 1);
            using var next = model.NextTokenLogits(token, cache);
            Assert.True(full.select(1, position).allclose(next, rtol: 0, atol: 1e-5), $"position {position}");
        }
    }

    [Fact]
    public void CapacityIsEnforcedAndClearStartsOver()
    {
        using var model = new LlamaForCausalLM(Config(2), seed: 6);
        model.eval();
        using var guard = no_grad();
        using var cache = model.CreateKvCache(capacity: 4);
        using var three = tensor(Sequence[..3], [1, 3]);
        using var firstRun = model.NextTokenLogits(three, cache);
        Assert.Equal(3, cache.Length);
        using var two = tensor(Sequence[3..5], [1, 2]);
        Assert.Throws<InvalidOperationException>(() => model.forward(two, cache));
        Assert.Equal(3, cache.Length);
        cache.Clear();
        using var again = model.NextTokenLogits(three, cache);
        Assert.True(firstRun.allclose(again, rtol: 0, atol: 0));
        using var wide = tensor(Sequence[..6], [2, 3]);
        Assert.Throws<ArgumentException>(() => model.forward(wide, cache));
    }

    private static void AssertCachedMatchesFull(LlamaForCausalLM model)
    {
        using var guard = no_grad();
        using var ids = tensor(Sequence, [1, Sequence.Length]);
        using var full = model.forward(ids);
        using var cache = model.CreateKvCache(Sequence.Length);
        var start = 0;
        foreach (var count in Pieces)
        {
            using var piece = ids.narrow(1, start, count);
            using var logits = model.forward(piece, cache);
            using var expected = full.narrow(1, start, count);
            var worst = (logits - expected).abs().max().item<float>();
            Assert.True(worst < 1e-5, $"positions {start}..{start + count - 1}: logits differ by {worst}");
            start += count;
            Assert.Equal(start, cache.Length);
        }
        Assert.Equal(Sequence.Length, start);
    }
}
