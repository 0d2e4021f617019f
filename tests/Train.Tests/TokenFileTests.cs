namespace MusicPile.Train.Tests;

public sealed class TokenFileTests
{
    private static readonly ushort[] Tokens = [7, 0, 65535, 2, 300];

    [Fact]
    public void ReadsNanoGptAndLlmcShards()
    {
        var dir = TestPaths.NewTempDir();
        TokenFileWriter.WriteNanoGpt(Path.Combine(dir, "train.bin"), Tokens);
        TokenFileWriter.WriteLlmcShard(Path.Combine(dir, "shard.bin"), Tokens);
        Assert.Equal(1024 + 2 * Tokens.Length, new FileInfo(Path.Combine(dir, "shard.bin")).Length);
        foreach (var (name, format) in new[] { ("train.bin", TokenFileFormat.NanoGpt), ("shard.bin", TokenFileFormat.LlmcShard) })
        {
            using var file = TokenFile.Open(Path.Combine(dir, name));
            Assert.Equal(format, file.Format);
            Assert.Equal(Tokens.Length, file.Length);
            var window = new long[3];
            file.Read(2, window);
            Assert.Equal([65535L, 2, 300], window);
        }
    }

    [Fact]
    public void LlmcHeaderIsChecked()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "shard.bin");
        TokenFileWriter.WriteLlmcShard(path, Tokens);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^2]);
        Assert.Throws<TrainFormatException>(() => TokenFile.OpenLlmcShard(path).Dispose());
        bytes[4] = 9;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("version", Assert.Throws<TrainFormatException>(() => TokenFile.OpenLlmcShard(path).Dispose()).Message);
    }

    [Fact]
    public void OddSizedNanoGptFileIsRejected()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "odd.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<TrainFormatException>(() => TokenFile.OpenNanoGpt(path).Dispose());
    }
}
