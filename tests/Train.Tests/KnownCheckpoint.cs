using System.Text;

namespace MusicPile.Train.Tests;

/// <summary>A tiny 2-layer GQA model with deterministic weights, written as HF files byte by byte without the library.</summary>
internal static class KnownCheckpoint
{
    public static ReferenceConfig Config { get; } = new(Vocab: 23, Hidden: 16, Intermediate: 40, Layers: 2, Heads: 4, KvHeads: 2, Tied: true);

    public static string ConfigJson(ReferenceConfig c) => $$"""
        {
          "architectures": ["LlamaForCausalLM"],
          "model_type": "llama",
          "vocab_size": {{c.Vocab}},
          "hidden_size": {{c.Hidden}},
          "intermediate_size": {{c.Intermediate}},
          "num_hidden_layers": {{c.Layers}},
          "num_attention_heads": {{c.Heads}},
          "num_key_value_heads": {{c.KvHeads}},
          "rms_norm_eps": 1e-05,
          "rope_theta": 10000.0,
          "max_position_embeddings": 64,
          "tie_word_embeddings": {{(c.Tied ? "true" : "false")}},
          "bos_token_id": 1,
          "eos_token_id": 2,
          "torch_dtype": "float32"
        }
        """;

    /// <summary>Weights by HF name: uniform values from a fixed linear congruential sequence; norms near one.</summary>
    public static Dictionary<string, (long[] Shape, float[] Data)> Weights(ReferenceConfig c)
    {
        var state = 12345UL;
        float Next(float scale)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            return ((state >> 40) / (float)(1 << 24) * 2 - 1) * scale;
        }
        (long[], float[]) Matrix(int rows, int cols, float scale) => ([rows, cols], Enumerable.Range(0, rows * cols).Select(_ => Next(scale)).ToArray());
        (long[], float[]) Norm(int size) => ([size], Enumerable.Range(0, size).Select(_ => 1 + Next(0.2f)).ToArray());
        var kv = c.KvHeads * (c.Hidden / c.Heads);
        var weights = new Dictionary<string, (long[], float[])> { ["model.embed_tokens.weight"] = Matrix(c.Vocab, c.Hidden, 0.5f) };
        for (var i = 0; i < c.Layers; i++)
        {
            var p = $"model.layers.{i}.";
            weights[p + "input_layernorm.weight"] = Norm(c.Hidden);
            weights[p + "self_attn.q_proj.weight"] = Matrix(c.Hidden, c.Hidden, 0.4f);
            weights[p + "self_attn.k_proj.weight"] = Matrix(kv, c.Hidden, 0.4f);
            weights[p + "self_attn.v_proj.weight"] = Matrix(kv, c.Hidden, 0.4f);
            weights[p + "self_attn.o_proj.weight"] = Matrix(c.Hidden, c.Hidden, 0.3f);
            weights[p + "post_attention_layernorm.weight"] = Norm(c.Hidden);
            weights[p + "mlp.gate_proj.weight"] = Matrix(c.Intermediate, c.Hidden, 0.4f);
            weights[p + "mlp.up_proj.weight"] = Matrix(c.Intermediate, c.Hidden, 0.4f);
            weights[p + "mlp.down_proj.weight"] = Matrix(c.Hidden, c.Intermediate, 0.3f);
        }
        weights["model.norm.weight"] = Norm(c.Hidden);
        if (!c.Tied) weights["lm_head.weight"] = Matrix(c.Vocab, c.Hidden, 0.5f);
        return weights;
    }

    /// <summary>A minimal F32 safetensors encoder, independent of the library's writer.</summary>
    public static byte[] SafeTensorsBytes(IEnumerable<KeyValuePair<string, (long[] Shape, float[] Data)>> tensors)
    {
        var entries = new List<string>();
        using var data = new MemoryStream();
        foreach (var (name, (shape, values)) in tensors)
        {
            var begin = data.Length;
            foreach (var value in values) data.Write(BitConverter.GetBytes(value));
            entries.Add($"\"{name}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{begin},{data.Length}]}}");
        }
        var header = Encoding.UTF8.GetBytes("{\"__metadata__\":{\"format\":\"pt\"}," + string.Join(",", entries) + "}");
        using var file = new MemoryStream();
        file.Write(BitConverter.GetBytes((ulong)header.Length));
        file.Write(header);
        data.Position = 0;
        data.CopyTo(file);
        return file.ToArray();
    }

    /// <summary>Writes config.json and model.safetensors for <see cref="Config"/> into a new folder.</summary>
    public static string WriteSingleFile(ReferenceConfig c, Dictionary<string, (long[] Shape, float[] Data)> weights)
    {
        var dir = TestPaths.NewTempDir("musicpile-ckpt");
        File.WriteAllText(Path.Combine(dir, "config.json"), ConfigJson(c));
        File.WriteAllBytes(Path.Combine(dir, "model.safetensors"), SafeTensorsBytes(weights));
        return dir;
    }

    /// <summary>Writes config.json, two shards and model.safetensors.index.json into a new folder.</summary>
    public static string WriteSharded(ReferenceConfig c, Dictionary<string, (long[] Shape, float[] Data)> weights)
    {
        var dir = TestPaths.NewTempDir("musicpile-shards");
        File.WriteAllText(Path.Combine(dir, "config.json"), ConfigJson(c));
        var names = weights.Keys.ToList();
        var halves = new[] { names.Take(names.Count / 2).ToList(), names.Skip(names.Count / 2).ToList() };
        var map = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var file = $"model-{i + 1:D5}-of-00002.safetensors";
            File.WriteAllBytes(Path.Combine(dir, file), SafeTensorsBytes(halves[i].Select(n => KeyValuePair.Create(n, weights[n]))));
            map.AddRange(halves[i].Select(n => $"\"{n}\": \"{file}\""));
        }
        File.WriteAllText(Path.Combine(dir, "model.safetensors.index.json"), "{\"metadata\": {\"total_size\": 0}, \"weight_map\": {" + string.Join(", ", map) + "}}");
        return dir;
    }
}
