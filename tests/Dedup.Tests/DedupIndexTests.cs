using MusicPile.Dedup;

namespace MusicPile.Dedup.Tests;

public sealed class DedupIndexTests
{
    private static async Task<string> BuildAsync()
    {
        var work = TestPaths.NewTempDir();
        var docs = PlantedCorpus.Generate(seed: 3, texts: 30, tunes: 30).Select(p => p.Document);
        await DedupRunner.RunAsync(new DedupOptions(), docs, work, indexDirectory: Path.Combine(work, "index"));
        return Path.Combine(work, "index");
    }

    [Fact]
    public async Task LayoutHasManifestAndOneFilePerBand()
    {
        var index = await BuildAsync();
        var names = Directory.GetFiles(index).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["band-000.bin", "band-013.bin", "documents.bin", "exact.bin", "index.json", "music.bin", "signatures.bin"],
            names.Where(n => n is "band-000.bin" or "band-013.bin" || !n!.StartsWith("band-", StringComparison.Ordinal)));
        Assert.Equal(14, names.Count(n => n!.StartsWith("band-", StringComparison.Ordinal)));
        var head = (await File.ReadAllBytesAsync(Path.Combine(index, "exact.bin"), TestContext.Current.CancellationToken))[..12];
        Assert.Equal("MPDEDUP\0"u8.ToArray(), head[..8]);
        Assert.Equal(new byte[] { 1, 0, 0, 0 }, head[8..12]);
    }

    [Fact]
    public async Task TruncatedFileIsRefused()
    {
        var index = await BuildAsync();
        var band = Path.Combine(index, "band-004.bin");
        var bytes = await File.ReadAllBytesAsync(band, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(band, bytes[..^5], TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<DedupFormatException>(() => DedupIndex.OpenAsync(index, new DedupOptions(), TestContext.Current.CancellationToken));
        Assert.Contains("truncated", e.Reason);
    }

    [Fact]
    public async Task OtherSettingsOrVersionAreRefused()
    {
        var index = await BuildAsync();
        await Assert.ThrowsAsync<DedupFormatException>(() => DedupIndex.OpenAsync(index, new DedupOptions { Seed = 2 }, TestContext.Current.CancellationToken));
        var manifest = Path.Combine(index, "index.json");
        var text = await File.ReadAllTextAsync(manifest, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(manifest, text.Replace("\"version\": 1", "\"version\": 9"), TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<DedupFormatException>(() => DedupIndex.OpenAsync(index, new DedupOptions(), TestContext.Current.CancellationToken));
        Assert.Contains("version", e.Reason);
    }

    [Fact]
    public async Task FolderWithoutManifestIsNotAnIndex()
    {
        var dir = TestPaths.NewTempDir();
        await Assert.ThrowsAsync<DedupFormatException>(() => DedupIndex.OpenAsync(dir, new DedupOptions(), TestContext.Current.CancellationToken));
    }
}
