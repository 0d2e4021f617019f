namespace MusicPile.Tokenize.Tests;

public sealed class TokenExporterTests
{
    private static ExportDocument Doc(long id, string source, string text) => new(id, text, source, "text", DocumentSampling.Sha256Of(text));

    private static IEnumerable<ExportDocument> Corpus(int count, string source = "abc", long firstId = 0) =>
        Enumerable.Range(0, count).Select(i => Doc(firstId + i, source, $"X:1\nL:1/8\nK:G\nGABc d{i}e|"));

    private static async Task<ExportManifest> ExportAsync(IEnumerable<ExportDocument> docs, ExportOptions options, string dir) =>
        await TokenExporter.ExportAsync(docs.ToAsyncEnumerable(), options with { Tokenizer = "tiktoken:gpt2" }, dir, TestContext.Current.CancellationToken);

    [Fact]
    public void SplitDependsOnlyOnTheDocumentHash()
    {
        var hashes = Corpus(2000).Select(d => d.Sha256).ToList();
        var first = hashes.Where(h => DocumentSampling.IsValidation(h, 0.1)).ToHashSet();
        var shuffled = hashes.AsEnumerable().Reverse().Take(1000).Where(h => DocumentSampling.IsValidation(h, 0.1));
        Assert.All(shuffled, h => Assert.Contains(h, first));
        Assert.InRange(first.Count, 140, 260);
    }

    [Fact]
    public async Task SameDocumentLandsInSameSplitWhateverTheOtherDocuments()
    {
        var options = new ExportOptions { Format = ShardFormat.Parquet, ValidationFraction = 0.2 };
        var bigDir = TestPaths.NewTempDir();
        await ExportAsync(Corpus(300, "text", 1000).Concat(Corpus(200)).Reverse(), options, bigDir);

        async Task<HashSet<long>> IdsAsync(string dir, string split) =>
            (await ParquetTokenReader.ReadAsync(Path.Combine(dir, $"musicpile_{split}_00000.parquet")).ToListAsync())
                .Select(r => r.Id).Where(id => id < 1000).ToHashSet();

        var dirA = TestPaths.NewTempDir();
        await ExportAsync(Corpus(200), options, dirA);
        Assert.Equal(await IdsAsync(dirA, "val"), await IdsAsync(bigDir, "val"));
        Assert.Equal(await IdsAsync(dirA, "train"), await IdsAsync(bigDir, "train"));
        Assert.NotEmpty(await IdsAsync(dirA, "val"));
    }

    [Fact]
    public async Task MixtureWeightsOversampleAndDownsampleDeterministically()
    {
        var options = new ExportOptions
        {
            Format = ShardFormat.Megatron,
            ValidationFraction = 0,
            SourceWeights = new Dictionary<string, double> { ["bach"] = 100, ["general"] = 0.25 },
        };
        var docs = Corpus(3, "bach").Concat(Corpus(400, "general", 100)).Concat(Corpus(10, "abc", 1000)).ToList();
        var dir = TestPaths.NewTempDir();
        var manifest = await ExportAsync(docs, options, dir);
        var again = await ExportAsync(docs, options, TestPaths.NewTempDir());

        var bySource = manifest.Sources.ToDictionary(s => s.Source);
        Assert.Equal(300, bySource["bach"].TrainDocuments);
        Assert.Equal(10, bySource["abc"].TrainDocuments);
        Assert.InRange(bySource["general"].TrainDocuments, 70, 130);
        Assert.Equal(400, bySource["general"].InputDocuments);
        Assert.Equal(bySource["general"].TrainDocuments, again.Sources.Single(s => s.Source == "general").TrainDocuments);
        Assert.Equal(manifest.Shards[0].Files[0].Sha256, again.Shards[0].Files[0].Sha256);

        using var dataset = MegatronDataset.Open(MegatronFormat.PathPrefix(dir, "musicpile_train"));
        Assert.Equal(manifest.Sources.Sum(s => s.TrainDocuments), dataset.Count);
        Assert.Equal(manifest.TokensBySplit["train"], dataset.TokenCount);
        Assert.Equal(manifest.Sources.Sum(s => s.TrainTokens), dataset.TokenCount);
        Assert.Equal(50256, dataset.GetTokens(0)[^1]);
    }

    [Fact]
    public async Task ManifestDescribesFilesAndRoundTrips()
    {
        var dir = TestPaths.NewTempDir();
        var manifest = await ExportAsync(Corpus(50), new ExportOptions { Format = ShardFormat.Llmc, ShardTokens = 200, ValidationFraction = 0.1 }, dir);
        Assert.True(manifest.Shards.Count(s => s.Split == "train") > 1);
        foreach (var shard in manifest.Shards)
        {
            Assert.InRange(shard.Tokens, 1, 200);
            var file = Assert.Single(shard.Files);
            var path = Path.Combine(dir, file.Path);
            Assert.Equal(new FileInfo(path).Length, file.Bytes);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), file.Sha256);
            using var stream = TokenStreamFile.OpenLlmc(path, 50256);
            Assert.Equal(shard.Sequences, stream.Documents.Count);
        }
        var read = await ExportManifest.ReadAsync(Path.Combine(dir, ExportManifest.FileName), TestContext.Current.CancellationToken);
        Assert.Equal("tiktoken:gpt2", read.TokenizerId);
        Assert.Equal(manifest.VocabularyHash, read.VocabularyHash);
        Assert.Equal(ShardFormat.Llmc, read.Format);
        Assert.Equal(manifest.Shards.Count, read.Shards.Count);
        Assert.Contains("\"vocabulary_hash\"", await File.ReadAllTextAsync(Path.Combine(dir, ExportManifest.FileName)));
    }

    [Fact]
    public async Task PackingCutsFixedLengthSequencesAndSftKeepsMasks()
    {
        var dir = TestPaths.NewTempDir();
        var sft = new ExportDocument(7, "", "bach", "sft", "abc123") { Sft = new SftRecord("Harmonise:", " X:1", "K:C\nCDEF|") };
        var docs = Corpus(40).Append(sft);
        var manifest = await ExportAsync(docs, new ExportOptions { Format = ShardFormat.Parquet, ValidationFraction = 0, SequenceLength = 64 }, dir);
        var rows = await ParquetTokenReader.ReadAsync(Path.Combine(dir, "musicpile_train_00000.parquet")).ToListAsync();
        Assert.All(rows.SkipLast(1), r => Assert.Equal(64, r.InputIds.Length));
        Assert.Equal(manifest.TokensBySplit["train"], rows.Sum(r => (long)r.InputIds.Length));
        Assert.Contains(rows, r => r.LossMask!.Contains((byte)0));
        Assert.Throws<ArgumentException>(() => new ExportOptions { Format = ShardFormat.NanoGpt, SequenceLength = 64 }.Validate());
    }

    [Fact]
    public async Task NanoGptWritesTrainAndValWithEotAfterEachDocument()
    {
        var dir = TestPaths.NewTempDir();
        var docs = Corpus(30).Append(Doc(99, "chat", "Human: hi </s> Assistant: ok </s>"));
        var manifest = await ExportAsync(docs, new ExportOptions { Format = ShardFormat.NanoGpt, ValidationFraction = 0.2 }, dir);
        Assert.True(File.Exists(Path.Combine(dir, "train.bin")));
        using var train = TokenStreamFile.OpenNanoGpt(Path.Combine(dir, "train.bin"), 50256);
        using var val = TokenStreamFile.OpenNanoGpt(Path.Combine(dir, "val.bin"), 50256);
        // The chat document's inner </s> is an EOS too, so the stream shows one more boundary than documents.
        Assert.Equal(manifest.Sources.Sum(s => s.TrainDocuments + s.ValidationDocuments) + 1, train.Documents.Count + val.Documents.Count);
    }
}
