using System.Diagnostics;
using MusicPile.Abc;
using MusicPile.Testing;

namespace MusicPile.Abc.Tests;

public sealed class MidiWriterTests(ITestOutputHelper output)
{
    [Fact]
    public void Repeats_endings_chords_and_ties_are_played_out()
    {
        var tune = AbcDocument.Parse("X:1\nM:2/4\nL:1/8\nQ:1/4=90\nK:G\n|:GA Bc|[1 d2 e2:|[2 [DFA]2 g2-|g4|]\n").Tunes[0];
        var (format, division, notes, tracks, tempo) = MidiFileReader.Read(MidiWriter.Write(tune));
        Assert.Equal((1, 480, 2), (format, division, tracks));
        Assert.Equal(60_000_000 / 90, tempo);
        var pitches = notes.OrderBy(n => n.Tick).ThenBy(n => n.Pitch).Select(n => n.Pitch).ToList();
        Assert.Equal([67, 69, 71, 72, 74, 76, 67, 69, 71, 72, 62, 66, 69, 79], pitches);
        Assert.Equal(480L * 2 * 3 + 480, notes.Single(n => n.Pitch == 79).Tick);
    }

    [Fact]
    public void A_repeat_plays_its_bars_in_the_key_they_are_written_in()
    {
        var tune = AbcDocument.Parse("X:1\nM:2/4\nL:1/4\nK:Bb\n|:B B|\nK:G\nF F:|\n").Tunes[0];
        Assert.Equal([70, 70, 66, 66, 70, 70, 66, 66], MidiWriter.Notes(tune).Select(n => n.Pitch));
    }

    [Fact]
    public void Every_tied_note_of_a_chord_is_held_into_the_next_chord()
    {
        var tune = AbcDocument.Parse("X:1\nM:2/4\nL:1/8\nK:A\n[c-a-][ca] [F-A-d-][FAd]|\n").Tunes[0];
        var notes = MidiWriter.Notes(tune);
        Assert.Equal([(0L, 480L, 73), (0L, 480L, 81), (480L, 960L, 66), (480L, 960L, 69), (480L, 960L, 74)],
            notes.Select(n => (n.Start, n.End, n.Pitch)));
    }

    [Theory]
    [InlineData("P:AAB", "C D|\nP:A\n|:E F:|\nP:B\nG A|B c||", new[] { 60, 62, 64, 65, 64, 65, 64, 65, 64, 65, 67, 69, 71, 72 })]
    [InlineData("P:A", "C D|\nP:A\nE F|\nP:B\nG A|B c||", new[] { 60, 62, 64, 65 })]
    [InlineData("P:B2(A.C)2", "P:A\nE F|\nP:B\nG A|\nP:C\nB c||", new[] { 67, 69, 67, 69, 64, 65, 71, 72, 64, 65, 71, 72 })]
    public void Parts_play_in_the_order_the_header_gives_as_abc2midi_plays_them(string order, string body, int[] pitches)
    {
        var tune = AbcDocument.Parse($"X:1\nM:2/4\nL:1/4\n{order}\nK:C\n{body}\n").Tunes[0];
        Assert.Equal(pitches, MidiWriter.Notes(tune).Select(n => n.Pitch));
    }

    [Fact]
    public void Note_counts_agree_with_abc2midi_when_installed()
    {
        var abc2midi = new[] { "/usr/bin/abc2midi", "/usr/local/bin/abc2midi" }.FirstOrDefault(File.Exists);
        Prerequisite.Require(abc2midi is not null, "abc2midi is not installed (apt-get install -y abcmidi)");
        var dir = TestPaths.NewTempDir("abc-midi");
        var candidates = DatasetCorpus.Tunes()
            .Where(x => x.File.Collection == "nott_clean")
            .Select(x => x.Tune)
            .Where(t => t.Voices.Count == 1 && !AbcValidator.IsFatal(AbcValidator.Validate(t))
                && !t.Voices[0].Bars.SelectMany(b => b.Elements).Any(e => e is AbcGraceGroup))
            .Take(40)
            .ToList();
        var same = 0;
        foreach (var tune in candidates)
        {
            var text = AbcWriter.Write(tune).Replace("\nK:", "\n%%MIDI gchordoff\nK:", StringComparison.Ordinal);
            var abcPath = Path.Combine(dir, "t.abc");
            var midPath = Path.Combine(dir, "t.mid");
            File.WriteAllText(abcPath, text);
            File.Delete(midPath);
            using (var p = Process.Start(new ProcessStartInfo(abc2midi!, $"\"{abcPath}\" -o \"{midPath}\" -quiet -silent")
                   { RedirectStandardOutput = true, RedirectStandardError = true })!)
            {
                p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
            }
            if (!File.Exists(midPath))
                continue;
            var theirs = MidiFileReader.Read(File.ReadAllBytes(midPath)).Notes.Count;
            var ours = MidiFileReader.Read(MidiWriter.Write(tune)).Notes.Count;
            if (theirs == ours)
                same++;
            else
                output.WriteLine($"X:{tune.X} {tune.Title}: ours {ours}, abc2midi {theirs}");
        }
        output.WriteLine($"note counts equal to abc2midi for {same}/{candidates.Count} tunes");
        Assert.True(same >= candidates.Count * 0.8, $"{same}/{candidates.Count}");
    }
}
