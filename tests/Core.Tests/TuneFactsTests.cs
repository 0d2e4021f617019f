using MusicPile.Core.Records;

namespace MusicPile.Core.Tests;

public sealed class TuneFactsTests
{
    [Fact]
    public void Facts_written_into_meta_read_back_and_keep_the_other_keys_in_order()
    {
        var meta = "{\"warnings\":3,\"codes\":[\"bar-duration\"],\"licence\":\"GPL-3.0\",\"x\":\"Caf\\u00E9\"}";
        var facts = new TuneFacts("mf1:0123456789abcdef0123456789abcdef", 1);
        var written = facts.WriteInto(meta);
        Assert.Equal(facts, TuneFacts.Read(written));
        Assert.StartsWith("{\"warnings\":3,\"codes\":[\"bar-duration\"],\"licence\":\"GPL-3.0\",\"x\":", written, StringComparison.Ordinal);
        using var doc = System.Text.Json.JsonDocument.Parse(written);
        Assert.Equal("Café", doc.RootElement.GetProperty("x").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("warnings").GetInt32());
    }

    [Fact]
    public void Writing_again_replaces_the_facts_instead_of_repeating_them()
    {
        var once = new TuneFacts("mf1:a", 4).WriteInto("{}");
        var twice = new TuneFacts("mf1:b", 0).WriteInto(once);
        Assert.Equal("{\"melody_fingerprint\":\"mf1:b\",\"normalized_warnings\":0}", twice);
        Assert.Equal(new TuneFacts("mf1:b", 0), TuneFacts.Read(twice));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("{\"warnings\":2,\"codes\":[]}")]
    [InlineData("{\"melody_fingerprint\":\"mf1:a\"}")]
    [InlineData("{\"melody_fingerprint\":\"mf1:a\",\"normalized_warnings\":\"2\"}")]
    [InlineData("{\"melody_fingerprint\":")]
    [InlineData("[\"melody_fingerprint\"]")]
    public void Meta_without_complete_facts_reads_as_none(string meta)
    {
        Assert.Null(TuneFacts.Read(meta));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Meta_that_is_not_an_object_is_kept_as_it_is(string meta)
    {
        Assert.Equal(meta, RecordMeta.With(meta, [new("transposed", 2)]));
    }

    [Fact]
    public void Meta_values_are_plain_json_values()
    {
        Assert.Equal("{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":2.5,\"e\":7}",
            RecordMeta.With("{\"a\":1}", [new("b", "x"), new("c", true), new("d", 2.5), new("e", 7L)]));
        Assert.Throws<ArgumentException>(() => RecordMeta.With("{}", [new("a", new List<int>())]));
    }
}
