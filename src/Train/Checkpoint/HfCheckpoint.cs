using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>
/// Hugging Face LLaMA checkpoint folders: <c>config.json</c> plus <c>model.safetensors</c>, or shards
/// listed in <c>model.safetensors.index.json</c> (<c>weight_map</c>). Adapters are merged on save.
/// </summary>
public static class HfCheckpoint
{
    /// <summary>The config file name.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>The single-file weights name.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>The shard index name.</summary>
    public const string IndexFile = "model.safetensors.index.json";

    /// <summary>Builds the model described by <c>config.json</c> and loads its weights (on the CPU, float32 unless told).</summary>
    public static LlamaForCausalLM Load(string directory, Device? device = null, ScalarType? dtype = null)
    {
        var config = LlamaConfig.Load(Path.Combine(directory, ConfigFile));
        var model = new LlamaForCausalLM(config);
        try
        {
            LoadWeightsInto(model, directory);
            if (dtype is { } type) model.to(type);
            if (device is not null) model.to(device);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Copies a checkpoint's weights into an existing model; every model weight must be present.</summary>
    public static void LoadWeightsInto(LlamaForCausalLM model, string directory)
    {
        var expected = new HashSet<string>(model.WeightNames, StringComparer.Ordinal);
        foreach (var (file, names) in WeightFiles(directory))
        {
            using var reader = SafeTensorsReader.Open(file);
            foreach (var name in names ?? reader.Tensors.Keys)
            {
                if (name.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal)) continue;
                if (name == "lm_head.weight" && model.Config.TieWordEmbeddings) continue;
                using var tensor = reader.Read(name);
                model.ImportWeight(name, tensor);
                expected.Remove(name);
            }
        }
        if (expected.Count > 0)
            throw new TrainFormatException($"{directory}: checkpoint lacks {expected.Count} weights, e.g. '{expected.First()}'");
    }

    /// <summary>
    /// Writes <c>config.json</c> and the weights (adapters merged) into <paramref name="directory"/>:
    /// one <c>model.safetensors</c>, or shards of at most <paramref name="maxShardBytes"/> with an index when that is positive.
    /// </summary>
    public static void Save(LlamaForCausalLM model, string directory, ScalarType? dtype = null, long maxShardBytes = 0)
    {
        Directory.CreateDirectory(directory);
        model.Config.Save(Path.Combine(directory, ConfigFile));
        var weights = model.ExportWeights(dtype);
        try
        {
            var metadata = new Dictionary<string, string> { ["format"] = "pt" };
            var shards = Shard(weights, maxShardBytes);
            if (shards.Count == 1)
            {
                SafeTensorsWriter.Write(Path.Combine(directory, WeightsFile), weights, metadata);
                return;
            }
            var weightMap = new JsonObject();
            for (var i = 0; i < shards.Count; i++)
            {
                var fileName = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
                SafeTensorsWriter.Write(Path.Combine(directory, fileName), shards[i].Select(n => KeyValuePair.Create(n, weights[n])), metadata);
                foreach (var name in shards[i]) weightMap[name] = fileName;
            }
            var index = new JsonObject
            {
                ["metadata"] = new JsonObject { ["total_size"] = weights.Values.Sum(SafeTensorsWriter.ByteLength) },
                ["weight_map"] = weightMap,
            };
            WriteDurably(Path.Combine(directory, IndexFile), index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        finally
        {
            foreach (var tensor in weights.Values) tensor.Dispose();
        }
    }

    internal static void WriteDurably(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
            writer.Write(text);
        stream.Flush(flushToDisk: true);
    }

    private static List<List<string>> Shard(Dictionary<string, Tensor> weights, long maxShardBytes)
    {
        var shards = new List<List<string>> { new() };
        long current = 0;
        foreach (var name in weights.Keys.OrderBy(n => n, StringComparer.Ordinal))
        {
            var size = SafeTensorsWriter.ByteLength(weights[name]);
            if (maxShardBytes > 0 && current > 0 && current + size > maxShardBytes)
            {
                shards.Add([]);
                current = 0;
            }
            shards[^1].Add(name);
            current += size;
        }
        return shards;
    }

    /// <summary>The safetensors files of a checkpoint and, for shards, the names each one holds.</summary>
    private static IEnumerable<(string File, IReadOnlyList<string>? Names)> WeightFiles(string directory)
    {
        var single = Path.Combine(directory, WeightsFile);
        if (File.Exists(single))
            return [(single, null)];
        var indexPath = Path.Combine(directory, IndexFile);
        if (!File.Exists(indexPath))
            throw new TrainFormatException($"{directory}: neither {WeightsFile} nor {IndexFile} found");
        JsonNode? index;
        try
        {
            index = JsonNode.Parse(File.ReadAllText(indexPath));
        }
        catch (JsonException e)
        {
            throw new TrainFormatException($"{indexPath}: malformed index: {e.Message}", e);
        }
        var map = index?["weight_map"] as JsonObject
            ?? throw new TrainFormatException($"{indexPath}: no weight_map");
        return map
            .GroupBy(entry => entry.Value?.GetValue<string>() ?? throw new TrainFormatException($"{indexPath}: weight '{entry.Key}' has no file"))
            .Select(group => (Path.Combine(directory, group.Key), (IReadOnlyList<string>?)group.Select(e => e.Key).ToList()))
            .ToList();
    }
}
