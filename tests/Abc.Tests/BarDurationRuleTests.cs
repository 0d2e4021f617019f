using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

/// <summary>
/// Where a bar may be shorter than its meter: constructed tunes for each case musicians allow, and for the short
/// bars they do not.
/// </summary>
public sealed class BarDurationRuleTests
{
    /// <summary>The body lines (1 = the line after <c>K:</c>) of the bars flagged <c>bar-duration</c>.</summary>
    private static List<int> FlaggedLines(string tune)
    {
        var headerLines = tune.Split('\n').TakeWhile(l => !l.StartsWith("K:", StringComparison.Ordinal)).Count() + 1;
        return AbcChecker.Check(tune, "rule.abc")[0].Diagnostics
            .Where(d => d.Code == DiagnosticCodes.BarDuration).Select(d => d.Line - headerLines).ToList();
    }

    [Theory]
    [InlineData("opening pickup", "X:1\nM:4/4\nL:1/4\nK:C\nG|\nCDEF|\nGABc|]\n")]
    [InlineData("section end completed by the next section's pickup", "X:1\nM:4/4\nL:1/4\nK:C\nCDEF|\nGAB||\nc|\ndefg|\nc4|]\n")]
    [InlineData("section end before a repeat completed by the section's own pickup", "X:1\nM:6/8\nL:1/8\nK:G\n|:D|\nG2A B2c|\nd3- d2:|\n")]
    [InlineData("tune end completed by the last section's own pickup", "X:1\nM:6/8\nL:1/8\nK:G\nG2G G2e|\nd2c B3||\nd|\nB>AB G2d|\nA3 G2|]\n")]
    [InlineData("tune end completed by the opening pickup", "X:1\nM:3/4\nL:1/4\nK:C\nG|\nc2d|\ne2f|\ng2|]\n")]
    [InlineData("bar split across numbered endings", "X:1\nM:4/4\nL:1/4\nK:C\n|:CDEF|\nGA|1\nBc:|2\ncB||\n")]
    [InlineData("a later section's own pickup after a full bar", "X:1\nM:4/4\nL:1/4\nK:C\nCDEF|\nGABc||\nd|\nefga|\nb4|]\n")]
    [InlineData("pickups of both repeated parts", "X:1\nM:6/8\nL:1/8\nK:D\n|:A|\nd2e f2g|\na3- a2:|\n|:f|\ng2f e2d|\nd3- d2:|\n")]
    [InlineData("a meter change inside a bar", "X:1\nM:4/4\nL:1/4\nK:C\nCDEF|\nG[M:3/4]AB|\ncde|]\n")]
    [InlineData("bars that follow a meter change", "X:1\nM:4/4\nL:1/4\nK:C\nCDEF|\n[M:3/4]GAB|\ncde|]\n")]
    [InlineData("music written without bar lines", "X:1\nM:4/4\nL:1/16\nK:Bb\nd2f2d2dcB2d2c4\nB4A4G8\n")]
    [InlineData("a multi-measure rest", "X:1\nM:4/4\nL:1/4\nK:C\nCDEF|\nZ4|\nGABc|]\n")]
    public void Allowed_short_bars_are_silent(string why, string tune)
    {
        Assert.True(FlaggedLines(tune).Count == 0, $"{why}: flagged lines {string.Join(",", FlaggedLines(tune))}");
    }

    [Fact]
    public void Section_end_that_the_next_pickup_does_not_complete_is_flagged()
    {
        // Common time: A4 is half a bar, the next section's pickup e^f a quarter: together three quarters.
        var flagged = FlaggedLines("X:1\nM:C\nL:1/8\nK:D\nD2|\nA2B2c2d2|\nA4||\ne^f|\ng8|]\n");
        Assert.Equal([3], flagged);
    }

    [Fact]
    public void Short_bar_before_a_repeat_with_no_pickup_anywhere_is_flagged()
    {
        // 9/8: G2 A Be^d e2 is eight eighths, and neither the tune nor the repeated section has a pickup.
        var flagged = FlaggedLines("X:1\nM:9/8\nL:1/8\nK:G\n|:G2A B2c d2e|\nG2A Be^d e2:|\n");
        Assert.Equal([2], flagged);
    }

    [Fact]
    public void Short_last_bar_without_an_opening_pickup_is_flagged()
    {
        Assert.Equal([3], FlaggedLines("X:1\nM:3/4\nL:1/4\nK:C\nc2d|\ne2f|\ng2|]\n"));
    }

    [Fact]
    public void Short_bar_inside_a_section_is_flagged()
    {
        Assert.Equal([2], FlaggedLines("X:1\nM:4/4\nL:1/4\nK:C\nCDEF|\nGA|\nBcde|\nf4|]\n"));
    }

    [Fact]
    public void Endings_that_do_not_complete_the_bar_before_them_are_flagged()
    {
        // GA is half a bar; the first ending starts with a whole bar, so GA is short with nothing to complete it.
        Assert.Contains(2, FlaggedLines("X:1\nM:4/4\nL:1/4\nK:C\n|:CDEF|\nGA|1\nBcde:|2\ncBAG||\n"));
    }

    [Fact]
    public void Long_bars_are_flagged_even_at_section_ends()
    {
        Assert.Equal([2, 3], FlaggedLines("X:1\nM:3/4\nL:1/4\nK:C\nG|\nc2de|\nfga2||\nc3|]\n"));
    }

    [Fact]
    public void Pickup_that_only_looks_like_one_does_not_excuse_a_later_short_bar()
    {
        // The opening pickup is one beat; the section end has two: two plus one is not a 4/4 bar.
        Assert.Equal([3], FlaggedLines("X:1\nM:4/4\nL:1/4\nK:C\nG|\nCDEF|\nGA:|\n"));
    }
}
