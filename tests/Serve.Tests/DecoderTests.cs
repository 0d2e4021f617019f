using MusicPile.Serve.Inference;
using MusicPile.Serve.Sampling;
using MusicPile.Train;

namespace MusicPile.Serve.Tests;

public sealed class DecoderTests
{
    private static LlamaForCausalLM TinyModel(int vocab = 300) => new(TinyCheckpoint.Config(vocab, 2), seed: 5);

    [Fact]
    public void CachedLogitsMatchTheFullForwardAtEveryStep()
    {
        using var model = TinyModel();
        using var cached = new CachedDecoder(model, 64);
        using var full = new UncachedDecoder(model);
        int[] prompt = [5, 17, 42, 99, 3, 250];
        var a = cached.Prefill(prompt);
        var b = full.Prefill(prompt);
        for (var step = 0; step < 24; step++)
        {
            Assert.Equal(b.Length, a.Length);
            var worst = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
            Assert.True(worst < 1e-4, $"step {step}: logits differ by {worst}");
            var next = Array.IndexOf(b, b.Max());
            Assert.Equal(next, Array.IndexOf(a, a.Max()));
            a = cached.Next(next);
            b = full.Next(next);
        }
        Assert.Equal(prompt.Length + 24, cached.Length);
    }

    [Fact]
    public void CacheCapacityIsEnforced()
    {
        using var model = TinyModel();
        using var cached = new CachedDecoder(model, 3);
        cached.Prefill([1, 2, 3]);
        Assert.Throws<InvalidOperationException>(() => cached.Next(4));
    }

    [Fact]
    public void SamplerIsReproducibleAndHonoursTopK()
    {
        var logits = Enumerable.Range(0, 50).Select(i => (float)Math.Sin(i)).ToArray();
        var parameters = new SamplingParameters { Temperature = 1.5, TopK = 3, TopP = 1 };
        var top3 = logits.Select((v, i) => (v, i)).OrderByDescending(p => p.v).Take(3).Select(p => p.i).ToHashSet();
        var first = Enumerable.Range(0, 40).Select(_ => 0).ToArray();
        var s1 = new TokenSampler(parameters, 42);
        var s2 = new TokenSampler(parameters, 42);
        var seen = new HashSet<int>();
        var run1 = Enumerable.Range(0, 40).Select(_ => s1.Next(logits, 50, seen)).ToArray();
        var run2 = Enumerable.Range(0, 40).Select(_ => s2.Next(logits, 50, seen)).ToArray();
        Assert.Equal(run1, run2);
        Assert.All(run1, id => Assert.Contains(id, top3));
        Assert.True(run1.Distinct().Count() > 1);
        var greedy = new TokenSampler(new SamplingParameters { Temperature = 0 }, 1);
        Assert.Equal(Array.IndexOf(logits, logits.Max()), greedy.Next(logits, 50, seen));
        Assert.Equal(7, greedy.Next(logits, 50, seen, id => id == 7));
    }

    [Fact]
    public void RepetitionPenaltyPushesSeenTokensDown()
    {
        float[] logits = [2.0f, 1.9f, -1f];
        var sampler = new TokenSampler(new SamplingParameters { Temperature = 0, RepetitionPenalty = 1.1 }, 1);
        Assert.Equal(1, sampler.Next(logits, 3, new HashSet<int> { 0 }));
    }
}
