using MusicPile.Core.Pipelines;

namespace MusicPile.Core.Tests;

public sealed class PipelineDefinitionTests
{
    [Theory]
    [InlineData("name: \"night\\nly\"\nstages:\n  - name: ingest\n", "p.yaml:1:1: pipeline name 'night\\nly' is not allowed")]
    [InlineData("name: p\nstages:\n  - name: \"in\\ngest\"\n    type: ingest\n", "p.yaml:3:5: stage name 'in\\ngest' is not allowed")]
    [InlineData("name: p\nstages:\n  - name: \"ingest\\n\"\n    type: ingest\n", "p.yaml:3:5: stage name 'ingest\\n' is not allowed")]
    [InlineData("name: p\nstages:\n  - type: ../ingest\n", "p.yaml:3:5: stage name '../ingest' is not allowed")]
    [InlineData("name: p\nsources:\n  - name: ../../etc\n    paths: [x]\nstages:\n  - name: ingest\n", "p.yaml:3:5: source name '../../etc' is not allowed")]
    [InlineData("name: p\nsources:\n  - name: .hidden\n    paths: [x]\nstages:\n  - name: ingest\n", "p.yaml:3:5: source name '.hidden' is not allowed")]
    [InlineData("name: a/b\nstages:\n  - name: ingest\n", "p.yaml:1:1: pipeline name 'a/b' is not allowed")]
    public void Names_that_are_not_plain_words_are_refused_naming_the_file_and_the_name(string yaml, string expected)
    {
        var e = Assert.Throws<MusicPileException>(() => PipelineDefinition.Parse(yaml, "/", "p.yaml"));
        Assert.True(e.IsUsage);
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Plain_names_with_dots_dashes_and_underscores_are_accepted()
    {
        var p = PipelineDefinition.Parse("name: nightly-2.1\nsources:\n  - name: ryans_mammoth.v2\n    paths: [x]\nstages:\n  - name: ingest-1\n    type: ingest\n", "/", "p.yaml");
        Assert.Equal("nightly-2.1", p.Name);
        Assert.Equal("ryans_mammoth.v2", p.Sources[0].Name);
        Assert.Equal("ingest-1", p.Stages[0].Name);
        Assert.Equal("p.yaml", p.FileName);
    }

    [Fact]
    public void The_file_name_and_options_records_do_not_change_the_config_hash()
    {
        const string yaml = "name: p\nsources:\n  - name: s\n    paths: [x]\n    options: { src_from_record: true }\nstages:\n  - name: dedup\n    options: { bands: 14 }\n";
        var a = PipelineDefinition.Parse(yaml, "/", "a.yaml");
        var b = PipelineDefinition.Parse(yaml, "/other", "b.yaml");
        Assert.Equal(a.ConfigHash, b.ConfigHash);
        Assert.Equal(
            """{"name":"p","sources":[{"name":"s","kind":"auto","paths":["x"],"licence":"","options":{"values":{"src_from_record":"true"}}}],"stages":[{"name":"dedup","type":"dedup","tasks":0,"options":{"values":{"bands":"14"}}}]}""",
            a.ToJson());
    }
}
