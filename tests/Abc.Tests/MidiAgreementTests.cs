using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

/// <summary>Our MIDI plays the same notes at the same times as abc2midi's over the cleaned Nottingham tunes.</summary>
public sealed partial class MidiAgreementTests(ITestOutputHelper output)
{
    private const double Floor = 0.97;

    [Fact]
    public void Notes_and_onsets_agree_with_abc2midi()
    {
        var abc2midi = ReferenceTools.Require("abc2midi");
        var files = DatasetCorpus.All().Where(f => f.Collection == "nott_clean").ToList();
        var work = TestPaths.NewTempDir("abc2midi");
        var theirs = new ConcurrentDictionary<(string, string), List<(double At, string Pitches)>>();
        // abc2midi writes <stem><X>.mid beside its input, so each file is converted from a copy in a folder of its own.
        Parallel.ForEach(files, file =>
        {
            var dir = Path.Combine(work, Path.GetFileNameWithoutExtension(file.RelativePath));
            Directory.CreateDirectory(dir);
            var copy = Path.Combine(dir, "t.abc");
            // We play no grace notes, chord-symbol accompaniment, fermatas, rolls (~) or rhythm styles (abc2midi swings
            // R:Hornpipe tunes), so abc2midi is told to leave them out too. It also carries an accidental to the same
            // letter in every octave unless told otherwise; we follow standard notation and carry it within its octave.
            var text = RhythmField().Replace(file.Text, "%R:").Replace("~", "", StringComparison.Ordinal);
            text = ReferenceField().Replace(text, "$0\n%%propagate-accidentals octave");
            File.WriteAllText(copy, text);
            ReferenceTools.Run(abc2midi, [copy, "-NGRA", "-NGUI", "-NFER", "-quiet", "-silent"], dir);
            foreach (var mid in Directory.EnumerateFiles(dir, "t*.mid"))
                theirs[(file.RelativePath, Path.GetFileNameWithoutExtension(mid)[1..])] = Onsets(File.ReadAllBytes(mid));
        });
        Directory.Delete(work, true);
        int total = 0, same = 0, missing = 0, shown = 0;
        foreach (var file in files)
        {
            foreach (var tune in file.Document.Tunes)
            {
                total++;
                if (!theirs.TryGetValue((file.RelativePath, tune.X.Trim()), out var reference))
                {
                    missing++;
                    continue;
                }
                var ours = Onsets(MidiWriter.Write(tune));
                if (Same(ours, reference))
                    same++;
                else if (shown++ < 25)
                    output.WriteLine($"  {file.RelativePath} X:{tune.X} {tune.Title}: {FirstDifference(ours, reference)}");
            }
        }
        var rate = (double)same / (total - missing);
        output.WriteLine($"{same}/{total - missing} tunes play the same notes at the same onsets as abc2midi ({rate:P1}); " +
            $"abc2midi wrote no file for {missing} of {total}");
        Assert.True(rate >= Floor, $"{rate:P1} below {Floor:P0}");
    }

    /// <summary>
    /// abc2midi starts the notes of a chord 10 ticks apart, so notes whose onsets lie within this many quarter notes
    /// of a group's first note form one group; the shortest notes in these tunes are far longer.
    /// </summary>
    private const double ChordSpread = 0.1;

    /// <summary>Onsets (in quarter notes) and sorted pitches of the note groups, whatever the tracks, channels and division.</summary>
    private static List<(double At, string Pitches)> Onsets(byte[] midi)
    {
        var (_, division, notes, _, _) = MidiFileReader.Read(midi);
        var groups = new List<(double, string)>();
        var ordered = notes.Select(n => (At: (double)n.Tick / division, n.Pitch)).OrderBy(n => n.At).ThenBy(n => n.Pitch).ToList();
        for (var i = 0; i < ordered.Count;)
        {
            var j = i;
            while (j < ordered.Count && ordered[j].At - ordered[i].At < ChordSpread)
                j++;
            groups.Add((ordered[i].At, string.Join(',', ordered.Skip(i).Take(j - i).Select(n => n.Pitch).Order())));
            i = j;
        }
        return groups;
    }

    private static bool Same(List<(double At, string Pitches)> ours, List<(double At, string Pitches)> theirs) =>
        ours.Count == theirs.Count && ours.Zip(theirs).All(x => x.First.Pitches == x.Second.Pitches && Math.Abs(x.First.At - x.Second.At) < ChordSpread / 2);

    [GeneratedRegex(@"^R:", RegexOptions.Multiline)]
    private static partial Regex RhythmField();

    [GeneratedRegex(@"^X:.*$", RegexOptions.Multiline)]
    private static partial Regex ReferenceField();

    private static string FirstDifference(List<(double At, string Pitches)> ours, List<(double At, string Pitches)> theirs)
    {
        var i = 0;
        while (i < ours.Count && i < theirs.Count && Same([ours[i]], [theirs[i]]))
            i++;
        static string Show(IEnumerable<(double At, string Pitches)> s) => string.Join(' ', s.Select(x => $"{x.Pitches}@{x.At:0.###}"));
        return $"note {i} of {ours.Count}/{theirs.Count}: ours {Show(ours.Skip(i).Take(4))} abc2midi {Show(theirs.Skip(i).Take(4))}";
    }
}
