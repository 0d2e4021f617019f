using System.Text.Json.Nodes;
using MusicPile.Tokenize;

namespace MusicPile.Train.Tests;

public sealed class CheckpointMetadataTests
{
    [Fact]
    public async Task SavedMetadataReadsBackWithTheFieldNamesReadersUse()
    {
        var tokenizer = await TokenizerFactory.CreateAsync("tiktoken:gpt2");
        var dir = TestPaths.NewTempDir("musicpile-metadata");
        Assert.Null(CheckpointMetadata.Load(dir));
        var metadata = CheckpointMetadata.ForTokenizer("tiktoken:gpt2", tokenizer) with { Snapshot = "s1", Export = "e1", TrainRun = 7, Step = 40 };
        metadata.Save(dir);
        Assert.Equal(metadata, CheckpointMetadata.Load(dir));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, CheckpointMetadata.FileName)))!.AsObject();
        Assert.Equal(
            ["tokenizer", "tokenizer_id", "vocab_hash", "eos_id", "snapshot", "export", "train_run", "step"],
            json.Select(p => p.Key).ToArray());
        Assert.Equal(tokenizer.VocabularyHash, (string?)json["vocab_hash"]);
        Assert.Equal(tokenizer.EosId, (int)json["eos_id"]!);
    }

    [Fact]
    public void MissingFieldsStayNullAndAreNotWritten()
    {
        var dir = TestPaths.NewTempDir("musicpile-metadata");
        File.WriteAllText(Path.Combine(dir, CheckpointMetadata.FileName), "{\"tokenizer\": \"llama2\", \"something_else\": [1, 2]}");
        var read = CheckpointMetadata.Load(dir)!;
        Assert.Equal("llama2", read.Tokenizer);
        Assert.Null(read.VocabHash);
        Assert.Null(read.Step);
        read.Save(dir);
        Assert.Equal("{\"tokenizer\":\"llama2\"}", JsonNode.Parse(File.ReadAllText(Path.Combine(dir, CheckpointMetadata.FileName)))!.ToJsonString());
    }

    [Fact]
    public void MalformedFileIsAFormatError()
    {
        var dir = TestPaths.NewTempDir("musicpile-metadata");
        File.WriteAllText(Path.Combine(dir, CheckpointMetadata.FileName), "{\"tokenizer\": ");
        var e = Assert.Throws<TrainFormatException>(() => CheckpointMetadata.Load(dir));
        Assert.Contains(CheckpointMetadata.FileName, e.Message, StringComparison.Ordinal);
    }
}
