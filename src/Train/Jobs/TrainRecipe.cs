using System.Globalization;
using MusicPile.Core;
using MusicPile.Train;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MusicPile.Train.Jobs;

/// <summary>
/// A training configuration file (<c>pipelines/train-tiny.yaml</c>): the tokenizer and export used, one data source
/// per document kind (so validation loss shows music and general text apart), the model and the trainer settings.
/// </summary>
public sealed record TrainRecipe(string Name, string Tokenizer, double ValFraction, IReadOnlyList<string> Kinds,
    IReadOnlyDictionary<string, double> Weights, string Preset, IReadOnlyDictionary<string, string> ModelOverrides,
    IReadOnlyDictionary<string, string> Train, string Json)
{
    public static TrainRecipe Load(string path)
    {
        if (!File.Exists(path))
            throw MusicPileException.Usage($"{path}: training config not found");
        var text = File.ReadAllText(path);
        var yaml = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw MusicPileException.Usage($"{path}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {e.Message}");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw MusicPileException.Usage($"{path}: a training config is a mapping");
        string? Scalar(YamlMappingNode m, string key) => m.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;
        YamlMappingNode? Map(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v as YamlMappingNode : null;
        Dictionary<string, string> Flat(YamlMappingNode? m) => m is null ? [] : m.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (kv.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal);
        var kinds = root.Children.TryGetValue(new YamlScalarNode("kinds"), out var k) && k is YamlSequenceNode seq
            ? seq.Children.Select(c => ((YamlScalarNode)c).Value!).ToList()
            : ["abc", "text", "chat", "sft"];
        var weights = Flat(Map("weights")).ToDictionary(kv => kv.Key, kv => double.Parse(kv.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var model = Flat(Map("model"));
        var preset = model.GetValueOrDefault("preset") ?? "tiny";
        model.Remove("preset");
        return new TrainRecipe(Scalar(root, "name") ?? Path.GetFileNameWithoutExtension(path), Scalar(root, "tokenizer") ?? "llama2",
            double.Parse(Scalar(root, "val_fraction") ?? "0.05", CultureInfo.InvariantCulture), kinds, weights, preset, model, Flat(Map("train")), text);
    }

    /// <summary>The model: a preset sized to the tokenizer, with any <c>config.json</c> field overridden.</summary>
    public LlamaConfig Model(int vocabSize)
    {
        var c = TrainPresets.Load(Preset, vocabSize);
        int I(string key, int v) => ModelOverrides.TryGetValue(key, out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : v;
        return (c with
        {
            HiddenSize = I("hidden_size", c.HiddenSize),
            IntermediateSize = I("intermediate_size", c.IntermediateSize),
            NumHiddenLayers = I("num_hidden_layers", c.NumHiddenLayers),
            NumAttentionHeads = I("num_attention_heads", c.NumAttentionHeads),
            NumKeyValueHeads = I("num_key_value_heads", c.NumKeyValueHeads),
            MaxPositionEmbeddings = I("max_position_embeddings", c.MaxPositionEmbeddings),
        }).Validate();
    }

    /// <summary>Trainer settings from the <c>train:</c> section over the trainer's defaults.</summary>
    public TrainConfig Apply(TrainConfig c)
    {
        int I(string key, int v) => Train.TryGetValue(key, out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : v;
        double D(string key, double v) => Train.TryGetValue(key, out var s) ? double.Parse(s, CultureInfo.InvariantCulture) : v;
        string S(string key, string v) => Train.GetValueOrDefault(key) ?? v;
        var lora = Train.TryGetValue("lora_rank", out var r)
            ? new LoraOptions { Rank = int.Parse(r, CultureInfo.InvariantCulture), Alpha = D("lora_alpha", 16), Dropout = D("lora_dropout", 0.1) }
            : null;
        return c with
        {
            SeqLen = I("seq_len", c.SeqLen),
            MicroBatch = I("micro_batch", c.MicroBatch),
            GradAccumulation = I("grad_accumulation", c.GradAccumulation),
            LearningRate = D("learning_rate", c.LearningRate),
            MinLearningRate = D("min_learning_rate", c.MinLearningRate),
            WarmupSteps = I("warmup_steps", c.WarmupSteps),
            TotalSteps = I("total_steps", c.TotalSteps),
            WeightDecay = D("weight_decay", c.WeightDecay),
            GradClip = D("grad_clip", c.GradClip),
            LogInterval = I("log_interval", c.LogInterval),
            EvalInterval = I("eval_interval", c.EvalInterval),
            EvalBatches = I("eval_batches", c.EvalBatches),
            CheckpointInterval = I("checkpoint_interval", c.CheckpointInterval),
            Seed = I("seed", (int)c.Seed),
            Device = Train.TryGetValue("device", out var device) ? ComputeTarget.ParseDevice(device) : c.Device,
            DType = S("dtype", c.DType),
            Threads = I("threads", c.Threads),
            Lora = lora ?? c.Lora,
        };
    }
}
