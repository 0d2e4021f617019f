namespace MusicPile.Tokenize.Tests;

/// <summary>Needs Debian's <c>spm_train</c> (<c>apt-get install -y sentencepiece</c>); skipped when it is absent (failed under CI).</summary>
public sealed class SentencePieceTrainerTests
{
    [Fact]
    public async Task TrainsABpeModelThatRoundTripsText()
    {
        Prerequisite.Tool("spm_train", "apt-get install -y sentencepiece");
        var ct = TestContext.Current.CancellationToken;
        var dir = TestPaths.NewTempDir();
        var text = Path.Combine(dir, "abc.txt");
        var random = new Random(7);
        var notes = "ABCDEFGabcdefg";
        var lines = Enumerable.Range(0, 3000).Select(_ => string.Join(' ', Enumerable.Range(0, 12).Select(_ =>
            new string(Enumerable.Range(0, random.Next(2, 7)).Select(_ => notes[random.Next(notes.Length)]).ToArray()) + "|")));
        await File.WriteAllLinesAsync(text, lines, ct);

        var model = await SentencePieceTrainer.TrainAsync(text, 400, Path.Combine(dir, "model"), ct);
        var tokenizer = await TokenizerFactory.LoadSentencePieceAsync("sentencepiece:" + model, model, ct);
        Assert.Equal(400, tokenizer.VocabSize);
        const string sample = "X:9 L:1/8 K:D |: FAdf afdA :| ü";
        var ids = tokenizer.Encode(sample);
        Assert.Equal(sample, tokenizer.Decode(ids));
        Assert.True(ids.Length < sample.Length);

        var viaSpec = await TokenizerFactory.CreateAsync($"train-spm:400:{text}", Path.Combine(dir, "cache"), ct);
        Assert.Equal(tokenizer.VocabularyHash, viaSpec.VocabularyHash);
    }
}
