using System.Globalization;
using System.Text;
using MusicPile.Tokenize;
using MusicPile.Train;

namespace MusicPile.Serve.Tests;

/// <summary>
/// A tiny random LLaMA checkpoint with its own SentencePiece model (trained on a few hundred synthetic ABC lines),
/// made once per test run and shared by the test classes.
/// </summary>
internal static class TinyCheckpoint
{
    private static readonly Lazy<Task<string>> Folder = new(CreateAsync);

    public static Task<string> DirectoryAsync() => Folder.Value;

    /// <summary>The architecture of the tiny model for a vocabulary of <paramref name="vocabSize"/>.</summary>
    public static LlamaConfig Config(int vocabSize, int eosId) => new()
    {
        VocabSize = vocabSize,
        HiddenSize = 64,
        IntermediateSize = 128,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        MaxPositionEmbeddings = 2048,
        TieWordEmbeddings = true,
        BosTokenId = 1,
        EosTokenId = eosId,
    };

    private static async Task<string> CreateAsync()
    {
        var dir = TestPaths.NewTempDir("serve-checkpoint");
        var textFile = Path.Combine(dir, "train.txt");
        await File.WriteAllTextAsync(textFile, SyntheticAbc(400, seed: 3));
        var spm = await SentencePieceTrainer.TrainAsync(textFile, 400, Path.Combine(dir, "spm"));
        File.Copy(spm, Path.Combine(dir, "tokenizer.model"));
        var tokenizer = await TokenizerFactory.LoadSentencePieceAsync("spm-test", Path.Combine(dir, "tokenizer.model"));
        using var model = new LlamaForCausalLM(Config(tokenizer.VocabSize, tokenizer.EosId), seed: 11);
        HfCheckpoint.Save(model, dir);
        return dir;
    }

    /// <summary>Lines of corpus-form ABC tunes and chat phrases, one per line, for tokenizer training.</summary>
    public static string SyntheticAbc(int lines, int seed)
    {
        var random = new Random(seed);
        string[] keys = ["G", "D", "Am", "Em", "C", "F", "Bb", "Dmix"];
        string[] meters = ["4/4", "3/4", "6/8", "2/4"];
        const string notes = "ABCDEFGabcdefgz";
        var sb = new StringBuilder();
        while (lines > 0)
        {
            sb.Append("X:1\nL:1/8\n");
            sb.Append(CultureInfo.InvariantCulture, $"M:{meters[random.Next(meters.Length)]}\nK:{keys[random.Next(keys.Length)]}\n");
            for (var bar = 0; bar < 4; bar++)
            {
                for (var i = 0; i < 8; i++)
                {
                    if (random.Next(6) == 0) sb.Append("^_="[random.Next(3)]);
                    sb.Append(notes[random.Next(notes.Length)]);
                    if (random.Next(4) == 0) sb.Append("2/"[random.Next(2)]);
                }
                sb.Append(random.Next(5) == 0 ? " :|\n" : " |");
            }
            sb.Append('\n');
            sb.Append("Human: Write a tune in the style of a reel. Assistant: Here is one.\n");
            lines -= 7;
        }
        return sb.ToString();
    }
}
