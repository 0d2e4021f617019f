namespace MusicPile.Train.Tests;

/// <summary>Repetitive token data: phrases from a small fixed set, chosen at random, written as token files.</summary>
internal static class SyntheticCorpus
{
    public const int Vocab = 64;

    public static ushort[] Tokens(int count, int seed)
    {
        var phrases = new Random(99);
        var set = Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, 8).Select(_ => (ushort)phrases.Next(3, Vocab)).ToArray()).ToArray();
        var random = new Random(seed);
        var tokens = new List<ushort>(count + 8);
        while (tokens.Count < count)
        {
            tokens.AddRange(set[random.Next(set.Length)]);
            tokens.Add(2);
        }
        return tokens.Take(count).ToArray();
    }

    /// <summary>Writes a nanoGPT train.bin and an llm.c val shard; returns the source description.</summary>
    public static DataSource Write(string dir, string name, int trainTokens = 20000, int valTokens = 4000)
    {
        var train = Path.Combine(dir, $"{name}_train.bin");
        var val = Path.Combine(dir, $"{name}_val.bin");
        TokenFileWriter.WriteNanoGpt(train, Tokens(trainTokens, 1));
        TokenFileWriter.WriteLlmcShard(val, Tokens(valTokens, 2));
        return DataSource.OfFiles(name, train, val);
    }

    public static LlamaConfig Model { get; } = new()
    {
        VocabSize = Vocab, HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2,
        NumAttentionHeads = 4, NumKeyValueHeads = 2, MaxPositionEmbeddings = 64, TieWordEmbeddings = true,
    };

    public static TrainConfig Config(string dir, params DataSource[] sources) => new()
    {
        Model = Model,
        OutputDir = Path.Combine(dir, "run"),
        Sources = sources,
        SeqLen = 32,
        MicroBatch = 8,
        LearningRate = 3e-3,
        MinLearningRate = 3e-4,
        WarmupSteps = 10,
        TotalSteps = 100,
        EvalInterval = 50,
        EvalBatches = 4,
        CheckpointInterval = 0,
        LogInterval = 10,
        Device = ComputeDevice.Cpu,
        Seed = 5,
    };
}
