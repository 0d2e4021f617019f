namespace MusicPile.Abc.Tests;

public sealed class DocumentSplitTests
{
    [Fact]
    public void Split_finds_the_same_tunes_and_header_as_a_full_parse_on_every_shared_file()
    {
        var root = Path.Combine(TestPaths.RequireDatasets(), "abc");
        var files = Directory.EnumerateFiles(root, "*.abc", SearchOption.AllDirectories).ToList();
        var tunes = 0;
        foreach (var file in files)
        {
            var text = AbcText.Decode(File.ReadAllBytes(file)).Text;
            var parsed = AbcDocument.Parse(text, file);
            var layout = AbcDocument.Split(text);
            Assert.Equal(parsed.FileHeader.Select(f => (f.Name, f.Value)), layout.FileHeader.Select(f => (f.Name, f.Value)));
            Assert.Equal(parsed.Tunes.Select(t => (t.Index, t.StartLine, t.EndLine, t.X)), layout.Tunes.Select(t => (t.Index, t.StartLine, t.EndLine, t.X)));
            tunes += layout.Tunes.Count;
        }
        Assert.True(tunes >= 13_000, $"{tunes} tunes");
    }
}
