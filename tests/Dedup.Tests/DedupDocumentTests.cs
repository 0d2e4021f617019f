using MusicPile.Abc;
using MusicPile.Core.Records;

namespace MusicPile.Dedup.Tests;

/// <summary>How a corpus record becomes a dedup document: tune facts from its meta, or from parsing when it has none.</summary>
public sealed class DedupDocumentTests
{
    // Bars 2 and 3 do not fit the meter: warnings that survive normalisation.
    private const string Tune = "X:1\nL:1/8\nM:4/4\nK:G\nGABc dedB|cBAG FGABc|AG FGAB|G8|]\n";

    private static CorpusRecord Record(string text, string kind, string meta) =>
        new(42, text, "src", kind, Core.Text.ContentHash.Of(text), "file.abc#1", meta);

    [Fact]
    public void A_tune_with_facts_in_its_meta_takes_them_without_parsing()
    {
        // The text is not a tune at all: the fingerprint can only come from the meta.
        var meta = new TuneFacts("mf1:from-meta", 7).WriteInto("{\"warnings\":1}");
        var doc = DedupDocument.Of(Record("no tune here", CorpusRecord.Kinds.Abc, meta), order: 3);
        Assert.Equal("mf1:from-meta", doc.MelodyFingerprint);
        Assert.Equal(7, doc.DiagnosticCount);
        Assert.Equal(3, doc.Order);
        Assert.Equal(42, doc.Id);
    }

    [Fact]
    public void A_tune_from_a_shard_without_facts_is_parsed_and_counts_the_warnings_of_its_text()
    {
        var tune = AbcDocument.ParseTune(Tune)!;
        var warnings = AbcValidator.CountWarnings(AbcValidator.Validate(tune));
        Assert.True(warnings > 0);
        // The meta's own warnings are ingest's count for the text as it came in; the text in hand is what counts.
        var doc = DedupDocument.Of(Record(Tune, CorpusRecord.Kinds.Abc, "{\"warnings\":9,\"codes\":[]}"), order: 0);
        Assert.Equal(MelodyFingerprint.Compute(tune), doc.MelodyFingerprint);
        Assert.Equal(warnings, doc.DiagnosticCount);

        var withFacts = DedupDocument.Of(Record(Tune, CorpusRecord.Kinds.Abc, new TuneFacts(doc.MelodyFingerprint!, warnings).WriteInto("{}")), order: 0);
        Assert.Equal(doc, withFacts);
    }

    [Fact]
    public void Text_records_have_no_fingerprint()
    {
        var meta = new TuneFacts("mf1:x", 3).WriteInto("{}");
        var doc = DedupDocument.Of(Record(Tune, CorpusRecord.Kinds.Text, meta), order: 0);
        Assert.Null(doc.MelodyFingerprint);
        Assert.Equal(0, doc.DiagnosticCount);
    }
}
