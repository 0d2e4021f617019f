using System.Text;
using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

public sealed class TextAndNormalizerTests
{
    [Fact]
    public void Decode_repairs_legacy_encodings()
    {
        Assert.Equal(new DecodedText("Ré", null), AbcText.Decode(Encoding.UTF8.GetBytes("Ré")));
        Assert.Equal(new DecodedText("Ré’", AbcText.Cp1252), AbcText.Decode([(byte)'R', 0xE9, 0x92]));
        Assert.Equal(new DecodedText("Café", AbcText.Utf8AsLatin1), AbcText.Decode(Encoding.UTF8.GetBytes("CafÃ©")));
        Assert.Equal(new DecodedText("gefühlsmäßig Straße", AbcText.Cp437C1), AbcText.Decode(Encoding.UTF8.GetBytes("gef\u0081hlsm\u0084áig Stra\u009Ee")));
        Assert.Equal("abc", AbcText.Decode([0xEF, 0xBB, 0xBF, (byte)'a', (byte)'b', (byte)'c']).Text);
    }

    [Fact]
    public void Normal_form_has_the_corpus_header_and_no_text_fields()
    {
        const string abc = "X:12\nT:Title\nC:Composer\nR:reel\nM:4/4\nL:1/8\nQ:1/4=120\nK:Gmin\n" +
            "\"Am\"u(B2c)    d \"Fine\"e|\nw:la la\nN:note\n%%MIDI program 1\nABcd  efga||\n";
        var tune = AbcDocument.Parse(abc).Tunes[0];
        var n = AbcNormalizer.Normalize(tune);
        Assert.StartsWith("X:1\nL:1/8\nQ:1/4=120\nM:4/4\nK:Gmin\n", n.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("T:", n.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("w:", n.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("N:", n.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("%%", n.Text, StringComparison.Ordinal);
        Assert.Contains("\"Am\"(uB2c) d \"^Fine\"e |", n.Text, StringComparison.Ordinal);
        Assert.Equal(1, n.Repairs[AbcNormalizer.DecorationBeforeSlur]);
        Assert.Equal(1, n.Repairs[AbcNormalizer.UnprefixedAnnotation]);
        var kept = AbcNormalizer.Normalize(tune, new AbcNormalizerOptions { KeepTitles = true, KeepLyrics = true, KeepChordSymbols = false });
        Assert.Contains("T:Title\n", kept.Text, StringComparison.Ordinal);
        Assert.Contains("w:la la", kept.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Am\"", kept.Text, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AbcNormalizerOptions { Transpose = 99 }.Validate());
        var up = AbcNormalizer.Normalize(tune, new AbcNormalizerOptions { Transpose = 2 });
        Assert.Contains("K:Amin", up.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalizing_the_datasets_is_idempotent_and_counts_repairs()
    {
        var repairs = new Dictionary<string, int>();
        var checkedTunes = 0;
        foreach (var (_, tune) in DatasetCorpus.Tunes().Where((_, i) => i % 7 == 0))
        {
            var once = AbcNormalizer.Normalize(tune);
            var twice = AbcNormalizer.Normalize(once.Tune);
            Assert.Equal(once.Text, twice.Text);
            foreach (var (k, v) in once.Repairs)
                repairs[k] = repairs.GetValueOrDefault(k) + v;
            checkedTunes++;
        }
        Assert.True(checkedTunes > 1800);
        Assert.True(repairs.GetValueOrDefault(AbcNormalizer.DecorationBeforeSlur) > 0);
        Assert.True(repairs.GetValueOrDefault(AbcNormalizer.UnprefixedAnnotation) > 0);
    }
}
