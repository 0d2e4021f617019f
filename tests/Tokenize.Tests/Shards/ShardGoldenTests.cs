using System.Text;

namespace MusicPile.Tokenize.Tests;

/// <summary>Each format written from a fixed token list and compared byte for byte with bytes built here from the format description.</summary>
public sealed class ShardGoldenTests
{
    private static readonly int[][] Documents = [[5, 6, 7], [300, 65000], [9]];
    private const int Eot = 2;

    [Fact]
    public async Task MegatronUInt16MatchesSpec()
    {
        var dir = TestPaths.NewTempDir();
        var prefix = MegatronFormat.PathPrefix(dir, "golden_train");
        await using (var writer = new MegatronWriter(prefix, vocabSize: 32000))
        {
            await WriteAllAsync(writer);
            Assert.Equal(new[] { prefix + ".bin", prefix + ".idx" }, writer.Paths);
        }
        Assert.EndsWith("golden_train_text_document", prefix);

        Assert.Equal(Bytes(w => { foreach (var t in Documents.SelectMany(d => d)) w.Write((ushort)t); }), await File.ReadAllBytesAsync(prefix + ".bin"));
        Assert.Equal(MegatronIndex(dtype: 8, width: 2), await File.ReadAllBytesAsync(prefix + ".idx"));

        using var dataset = MegatronDataset.Open(prefix);
        Assert.Equal(3, dataset.Count);
        Assert.Equal(Documents[1], dataset.GetTokens(1));
        Assert.Equal(new long[] { 0, 1, 2, 3 }, dataset.DocumentIndex);
    }

    [Fact]
    public async Task MegatronInt32ForLargeVocabularies()
    {
        var dir = TestPaths.NewTempDir();
        var prefix = MegatronFormat.PathPrefix(dir, "big");
        await using (var writer = new MegatronWriter(prefix, vocabSize: 65500))
            await WriteAllAsync(writer);
        Assert.Equal(Bytes(w => { foreach (var t in Documents.SelectMany(d => d)) w.Write(t); }), await File.ReadAllBytesAsync(prefix + ".bin"));
        Assert.Equal(MegatronIndex(dtype: 4, width: 4), await File.ReadAllBytesAsync(prefix + ".idx"));
        using var dataset = MegatronDataset.Open(prefix);
        Assert.Equal(Documents[2], dataset.GetTokens(2));
    }

    [Fact]
    public async Task LlmcV1MatchesSpec()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), LlmcFormat.FileName("golden", "train", 1));
        await using (var writer = new LlmcShardWriter(path, vocabSize: 32000, eotId: Eot))
            await WriteAllAsync(writer);
        Assert.EndsWith("golden_train_000001.bin", path);
        var expected = Bytes(w =>
        {
            w.Write(20240520);
            w.Write(1);
            w.Write(9);
            for (var i = 3; i < 256; i++)
                w.Write(0);
            foreach (var doc in Documents)
            {
                w.Write((ushort)Eot);
                foreach (var t in doc)
                    w.Write((ushort)t);
            }
        });
        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
        using var shard = TokenStreamFile.OpenLlmc(path, Eot);
        Assert.Equal(9, shard.TokenCount);
        Assert.Equal(3, shard.Documents.Count);
        Assert.Equal(Documents[1], shard.GetDocument(1));
    }

    [Fact]
    public async Task LlmcV7UsesUInt32ForLargeVocabularies()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "big.bin");
        await using (var writer = new LlmcShardWriter(path, vocabSize: 100277, eotId: 100257))
        {
            await writer.WriteAsync(new ShardDocument(1, "s", new[] { 70000 }));
            await writer.CompleteAsync();
        }
        var expected = Bytes(w =>
        {
            w.Write(20240801);
            w.Write(7);
            w.Write(2);
            for (var i = 3; i < 256; i++)
                w.Write(0);
            w.Write(100257u);
            w.Write(70000u);
        });
        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
        using var shard = TokenStreamFile.OpenLlmc(path, 100257);
        Assert.Equal(new[] { 70000 }, shard.GetDocument(0));
    }

    [Fact]
    public async Task NanoGptMatchesSpec()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "train.bin");
        await using (var writer = new NanoGptWriter(path, vocabSize: 50257, eotId: 50256))
            await WriteAllAsync(writer);
        var expected = Bytes(w =>
        {
            foreach (var doc in Documents)
            {
                foreach (var t in doc)
                    w.Write((ushort)t);
                w.Write((ushort)50256);
            }
        });
        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
        using var file = TokenStreamFile.OpenNanoGpt(path, 50256);
        Assert.Equal(Documents, file.Documents.Select((_, i) => file.GetDocument(i)).ToArray());
    }

    [Fact]
    public async Task LlmcReaderRejectsWrongMagicAndTruncation()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "bad.bin");
        await using (var writer = new LlmcShardWriter(path, 32000, Eot))
            await WriteAllAsync(writer);
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..^2]);
        Assert.Throws<InvalidDataException>(() => TokenStreamFile.OpenLlmc(path, Eot));
        bytes[0] ^= 1;
        await File.WriteAllBytesAsync(path, bytes);
        Assert.Throws<InvalidDataException>(() => TokenStreamFile.OpenLlmc(path, Eot));
    }

    [Fact]
    public async Task IncompleteWriterLeavesNoFiles()
    {
        var dir = TestPaths.NewTempDir();
        var writer = new MegatronWriter(MegatronFormat.PathPrefix(dir, "x"), 32000);
        await writer.WriteAsync(new ShardDocument(1, "s", new[] { 1, 2 }));
        await writer.DisposeAsync();
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task ParquetRoundTripsIdsSourcesTokensAndMasks()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "tokens.parquet");
        await using (var writer = await ParquetTokenWriter.CreateAsync(path, withLossMask: true, rowGroupTokens: 4))
        {
            await writer.WriteAsync(new ShardDocument(10, "abc", Documents[0], new byte[] { 0, 1, 1 }));
            await writer.WriteAsync(new ShardDocument(11, "text", Documents[1], new byte[] { 1, 1 }));
            await writer.WriteAsync(new ShardDocument(12, "abc", Documents[2], new byte[] { 0 }));
            await writer.CompleteAsync();
        }
        var head = (await File.ReadAllBytesAsync(path))[..4];
        Assert.Equal("PAR1"u8.ToArray(), head);
        var rows = await ParquetTokenReader.ReadAsync(path).ToListAsync();
        Assert.Equal(new long[] { 10, 11, 12 }, rows.Select(r => r.Id));
        Assert.Equal(new[] { "abc", "text", "abc" }, rows.Select(r => r.Source));
        Assert.Equal(Documents, rows.Select(r => r.InputIds).ToArray());
        Assert.Equal(new byte[] { 0, 1, 1 }, rows[0].LossMask);
    }

    private static async Task WriteAllAsync(ITokenShardWriter writer)
    {
        for (var i = 0; i < Documents.Length; i++)
            await writer.WriteAsync(new ShardDocument(i, "src", Documents[i]));
        await writer.CompleteAsync();
    }

    private static byte[] MegatronIndex(byte dtype, int width) => Bytes(w =>
    {
        w.Write(Encoding.ASCII.GetBytes("MMIDIDX\0\0"));
        w.Write(1UL);
        w.Write(dtype);
        w.Write(3UL);
        w.Write(4UL);
        foreach (var doc in Documents)
            w.Write(doc.Length);
        long pointer = 0;
        foreach (var doc in Documents)
        {
            w.Write(pointer);
            pointer += doc.Length * width;
        }
        for (long i = 0; i <= 3; i++)
            w.Write(i);
    });

    private static byte[] Bytes(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
            write(writer);
        return stream.ToArray();
    }
}
