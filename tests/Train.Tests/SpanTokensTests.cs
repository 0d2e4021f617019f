using MusicPile.Tokenize;

namespace MusicPile.Train.Tests;

public sealed class SpanTokensTests
{
    [Fact]
    public async Task Spans_of_several_files_read_as_one_stream_and_megatron_bins_open_by_their_index()
    {
        var dir = TestPaths.NewTempDir();
        var nano = Path.Combine(dir, "train.bin");
        TokenFileWriter.WriteNanoGpt(nano, [10, 11, 12, 13, 14, 15]);
        var prefix = MegatronFormat.PathPrefix(dir, "m");
        await using (var writer = new MegatronWriter(prefix, 100_000))
        {
            await writer.WriteAsync(new ShardDocument(1, "s", new[] { 70_000, 70_001, 70_002 }));
            await writer.WriteAsync(new ShardDocument(2, "s", new[] { 5, 6 }));
            await writer.CompleteAsync();
        }
        using (var megatron = TokenFile.Open(prefix + ".bin"))
        {
            Assert.Equal((TokenFileFormat.MegatronInt32, 5L), (megatron.Format, megatron.Length));
        }

        var files = new Dictionary<string, TokenFile>();
        try
        {
            var tokens = new SpanTokens([new TokenSpan(nano, 4), new TokenSpan(prefix + ".bin", 1, 3), new TokenSpan(nano, 0, 1)],
                p => files.TryGetValue(p, out var f) ? f : files[p] = TokenFile.Open(p));
            Assert.Equal(6, tokens.Length);
            var all = new long[6];
            tokens.Read(0, all);
            Assert.Equal([14L, 15, 70_001, 70_002, 5, 10], all);
            var middle = new long[3];
            tokens.Read(2, middle);
            Assert.Equal([70_001L, 70_002, 5], middle);
        }
        finally
        {
            foreach (var f in files.Values)
                f.Dispose();
        }
    }
}
