using MusicPile.Train;
using TorchSharp;

namespace MusicPile.Train.Tests;

public sealed class TorchLoadTests
{
    [Fact]
    public void LibTorchSharpLoadsAndComputes()
    {
        using var ones = torch.ones(2);
        using var sum = ones.sum();
        Assert.Equal(2f, sum.item<float>());
    }

    [Fact]
    public void StateDictNamesAreHuggingFaceNames()
    {
        using var model = new LlamaForCausalLM(new LlamaConfig { VocabSize = 16, HiddenSize = 8, IntermediateSize = 12, NumHiddenLayers = 2, NumAttentionHeads = 2, NumKeyValueHeads = 1 });
        var names = model.WeightNames;
        Assert.Contains("model.embed_tokens.weight", names);
        Assert.Contains("model.layers.1.self_attn.k_proj.weight", names);
        Assert.Contains("model.layers.0.mlp.down_proj.weight", names);
        Assert.Contains("model.layers.0.input_layernorm.weight", names);
        Assert.Contains("model.layers.0.post_attention_layernorm.weight", names);
        Assert.Contains("model.norm.weight", names);
        Assert.Contains("lm_head.weight", names);
        Assert.Equal(2 + 9 * 2 + 1, names.Count);
        Assert.Equal(model.Config.ParameterCount(), model.BaseParameterCount);
    }

    [Fact]
    public void ConvertingDTypeKeepsNamesAndForward()
    {
        var config = new LlamaConfig { VocabSize = 16, HiddenSize = 8, IntermediateSize = 12, NumHiddenLayers = 1, NumAttentionHeads = 2, NumKeyValueHeads = 1 };
        using var model = new LlamaForCausalLM(config, seed: 3);
        model.AddLora(new LoraOptions { Rank = 2 });
        var before = model.named_parameters().Select(p => p.name).ToList();
        model.to(torch.ScalarType.Float64);
        Assert.Equal(before, model.named_parameters().Select(p => p.name).ToList());
        Assert.All(model.named_parameters(), p => Assert.Equal(torch.ScalarType.Float64, p.parameter.dtype));
        using var ids = torch.tensor(new long[] { 1, 2, 3 }, [1, 3]);
        using var logits = model.forward(ids);
        Assert.Equal(torch.ScalarType.Float64, logits.dtype);
        Assert.Equal(2 * 7, model.named_parameters().Count(p => p.parameter.requires_grad));
    }

    [Fact]
    public void SeedDeterminesInitialWeights()
    {
        var config = new LlamaConfig { VocabSize = 16, HiddenSize = 8, IntermediateSize = 12, NumHiddenLayers = 1, NumAttentionHeads = 2, NumKeyValueHeads = 1 };
        using var a = new LlamaForCausalLM(config, seed: 5);
        using var b = new LlamaForCausalLM(config, seed: 5);
        using var c = new LlamaForCausalLM(config, seed: 6);
        var pairs = a.named_parameters().Zip(b.named_parameters(), c.named_parameters()).ToList();
        Assert.All(pairs, p => Assert.True(p.First.parameter.allclose(p.Second.parameter, 0, 0), p.First.name));
        Assert.False(pairs[0].First.parameter.allclose(pairs[0].Third.parameter, 0, 0));
        using var embed = a.named_parameters().First().parameter.std();
        Assert.InRange(embed.item<float>(), 0.015f, 0.025f);
    }
}
