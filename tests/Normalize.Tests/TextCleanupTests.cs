using MusicPile.Normalize;

namespace MusicPile.Normalize.Tests;

public sealed class TextCleanupTests
{
    [Fact]
    public void Clean_joins_line_endings_strips_controls_and_blank_runs()
    {
        var raw = "\uFEFFFirst\tline  \r\nsecond\u0007 line\r\r\n\n\n\nthird\u200B line\n\n";
        Assert.Equal("First line\nsecond line\n\nthird line", TextCleaner.Clean(raw));
    }

    [Fact]
    public void Clean_composes_to_nfc()
    {
        var decomposed = "Ce\u0301cile sings";
        var clean = TextCleaner.Clean(decomposed);
        Assert.Equal("C\u00e9cile sings", clean);
        Assert.True(clean.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Fact]
    public void Clean_is_idempotent()
    {
        var once = TextCleaner.Clean(" a \r\n\r\n\r\n b\t\n");
        Assert.Equal(once, TextCleaner.Clean(once));
    }

    [Theory]
    [InlineData("too few words", "quality-too-short")]
    [InlineData("12 34 56 78 90 11 22 33 44 55 66 77", "quality-non-alphabetic")]
    [InlineData("a b c d e f g h i j", "quality-word-length")]
    [InlineData("# # # # # the reel is played fast and the jig slow", "quality-symbol-ratio")]
    public void Filter_names_the_reason(string text, string reason)
    {
        Assert.Equal(reason, TextQualityFilter.Check(text, new TextQualityOptions())?.Reason);
    }

    [Fact]
    public void Filter_flags_repeated_lines_and_keeps_prose()
    {
        var repeated = string.Join('\n', Enumerable.Repeat("the same refrain comes back again", 6));
        Assert.Equal("quality-repetition", TextQualityFilter.Check(repeated, new TextQualityOptions())?.Reason);
        var prose = "A reel is a folk dance in duple time. Its tunes are played in two parts, each repeated, "
            + "and musicians often join several reels into a set without a break between them.";
        Assert.Null(TextQualityFilter.Check(prose, new TextQualityOptions()));
    }
}
