using MusicPile.Tokenize;
using MusicPile.Train;

namespace MusicPile.Serve.Tests;

public sealed class CheckpointLoaderTests
{
    [Fact]
    public async Task SentencePieceModelInTheFolderIsUsed()
    {
        var dir = await TinyCheckpoint.DirectoryAsync();
        Assert.StartsWith("sentencepiece:", CheckpointLoader.ResolveTokenizerSpec(dir));
        using var loaded = await CheckpointLoader.LoadAsync(dir, ComputeDevice.Cpu);
        Assert.Equal(loaded.Tokenizer.VocabSize, loaded.Config.VocabSize);
        Assert.Equal("X:1", loaded.Tokenizer.Decode(loaded.Tokenizer.Encode("X:1")));
    }

    [Fact]
    public async Task ManifestNamesTheTokenizerAndItsHashIsChecked()
    {
        var tokenizer = await TokenizerFactory.CreateAsync("tiktoken:gpt2");
        var dir = TestPaths.NewTempDir("serve-tiktoken");
        using (var model = new LlamaForCausalLM(TinyCheckpoint.Config(tokenizer.VocabSize, tokenizer.EosId) with { HiddenSize = 32, IntermediateSize = 64 }, seed: 1))
            HfCheckpoint.Save(model, dir);
        CheckpointMetadata.ForTokenizer(tokenizer.Id, tokenizer).Save(dir);
        Assert.Equal("tiktoken:gpt2", CheckpointLoader.ResolveTokenizerSpec(dir));
        using (var loaded = await CheckpointLoader.LoadAsync(dir, ComputeDevice.Cpu))
            Assert.Equal(tokenizer.VocabularyHash, loaded.Tokenizer.VocabularyHash);
        await File.WriteAllTextAsync(Path.Combine(dir, CheckpointMetadata.FileName), "{\"tokenizer\": \"tiktoken:gpt2\", \"vocab_hash\": \"00\"}");
        await Assert.ThrowsAsync<InvalidDataException>(() => CheckpointLoader.LoadAsync(dir, ComputeDevice.Cpu));
    }

    [Fact]
    public async Task FolderWithoutTokenizerIsRefused()
    {
        var dir = TestPaths.NewTempDir("serve-no-tokenizer");
        using (var model = new LlamaForCausalLM(TinyCheckpoint.Config(300, 2), seed: 1))
            HfCheckpoint.Save(model, dir);
        await Assert.ThrowsAsync<InvalidDataException>(() => CheckpointLoader.LoadAsync(dir, ComputeDevice.Cpu));
    }
}
