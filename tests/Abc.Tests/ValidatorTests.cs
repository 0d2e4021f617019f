using System.Text.Json;
using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

public sealed class ValidatorTests
{
    private static IReadOnlyList<AbcDiagnostic> Check(string text) => AbcChecker.Check(text, "v.abc")[0].Diagnostics;

    private static IEnumerable<string> Codes(string text) => Check(text).Select(d => d.Code);

    [Fact]
    public void Missing_key_and_empty_body_are_fatal()
    {
        var r = AbcChecker.Check("X:1\nT:t\nM:4/4\nABcd|\n", "v.abc")[0];
        Assert.True(r.Fatal);
        Assert.Contains(DiagnosticCodes.MissingKey, r.Diagnostics.Select(d => d.Code));
        Assert.Contains(DiagnosticCodes.EmptyBody, Codes("X:1\nM:4/4\nK:C\n"));
        Assert.False(AbcChecker.Check("X:1\nM:4/4\nK:C\nABcd|\n", "v.abc")[0].Fatal);
    }

    [Theory]
    [InlineData("X:1\nM:4/4\nK:Xq\nA|\n", DiagnosticCodes.InvalidKey)]
    [InlineData("X:1\nM:4/x\nK:C\nA|\n", DiagnosticCodes.InvalidMeter)]
    [InlineData("X:1\nM:4/4\nL:eighth\nK:C\nA|\n", DiagnosticCodes.InvalidLength)]
    [InlineData("X:1\nK:C\nA|\n", DiagnosticCodes.MissingMeter)]
    [InlineData("X:1\nM:4/4\nK:C\nABc\"Am d|\n", DiagnosticCodes.UnbalancedQuote)]
    [InlineData("X:1\nM:4/4\nK:C\n{gABc d|\n", DiagnosticCodes.UnbalancedGrace)]
    [InlineData("X:1\nM:4/4\nK:C\n!trill ABcd|\n", DiagnosticCodes.UnbalancedDecoration)]
    [InlineData("X:1\nM:4/4\nK:C\n(ABcd|\n", DiagnosticCodes.UnbalancedSlur)]
    [InlineData("X:1\nM:4/4\nK:C\nAB^ cd|\n", DiagnosticCodes.MalformedNote)]
    [InlineData("X:1\nM:4/4\nK:C\nABc d-|z4|\n", DiagnosticCodes.TieWithoutPartner)]
    [InlineData("X:1\nM:4/4\nK:C\nABc d>|\n", DiagnosticCodes.BrokenRhythmWithoutPartner)]
    [InlineData("X:1\nM:4/4\nK:C\nABcd ABcd|\n", DiagnosticCodes.UndecodableText + "?")]
    public void Each_problem_gets_its_code(string text, string code)
    {
        if (code.EndsWith('?'))
        {
            Assert.Contains(DiagnosticCodes.UndecodableText, Codes(text.Replace("ABcd|", "ABcd|\nN:bad \u0081 text")));
            return;
        }
        Assert.Contains(code, Codes(text));
    }

    [Fact]
    public void Bar_duration_allows_pickups_repeats_endings_and_meter_changes()
    {
        const string ok = "X:1\nM:6/8\nL:1/8\nK:D\nA|:d2e fga|b3 a2A|[1 d3 d2:|[2 d3 d2||\n" +
            "[M:2/4]AB cd|(3ABc d2|{g}f4|\nM:none\nABCDEFG|\n";
        Assert.DoesNotContain(DiagnosticCodes.BarDuration, Codes(ok));
        var bad = Check("X:1\nM:4/4\nL:1/8\nK:D\nABcd efga|ABc efga|ABcd efga|ABcd efga|\n");
        var d = Assert.Single(bad, x => x.Code == DiagnosticCodes.BarDuration);
        Assert.Equal((5, 11), (d.Line, d.Column));
        Assert.Contains(DiagnosticCodes.BarDuration, Codes("X:1\nM:3/4\nL:1/4\nK:C\nABc|ABcd|ABc|\n"));
    }

    [Fact]
    public void Codes_are_documented_once_and_severity_serialises_lowercase()
    {
        var doc = File.ReadAllText(Path.Combine(MusicPile.Testing.TestPaths.RepoRoot, "src", "Abc", "DIAGNOSTICS.md"));
        foreach (var (code, _) in DiagnosticCodes.All)
            Assert.Contains($"`{code}`", doc, StringComparison.Ordinal);
        Assert.Equal(DiagnosticCodes.All.Count, DiagnosticCodes.All.Select(c => c.Code).Distinct().Count());
        var json = JsonSerializer.Serialize(new AbcDiagnostic("bar-duration", AbcSeverity.Fatal, 1, 2, "m"));
        Assert.Contains("\"Severity\":\"fatal\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_digest_holds_the_diagnostics_and_fingerprint_of_one_parse()
    {
        var tune = AbcDocument.ParseTune("X:1\nM:4/4\nL:1/8\nK:D\n\"Fine\"ABcd efga|ABc efga|ABcd efga|\n")!;
        var digest = TuneDigest.Of(tune);
        Assert.Equal(AbcValidator.Validate(tune), digest.Diagnostics);
        Assert.Equal(MelodyFingerprint.Compute(tune), digest.MelodyFingerprint);
        Assert.Equal(2, digest.Warnings);
        Assert.Null(digest.FirstFatal);
        var fatal = TuneDigest.Of(AbcDocument.ParseTune("X:1\nM:4/4\nK:C\n")!);
        Assert.Equal(DiagnosticCodes.EmptyBody, fatal.FirstFatal?.Code);
        Assert.Equal(0, fatal.Warnings);
    }
}
