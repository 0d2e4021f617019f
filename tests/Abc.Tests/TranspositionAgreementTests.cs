using System.Collections.Concurrent;
using MusicPile.Abc;

namespace MusicPile.Abc.Tests;

/// <summary>Our transposition sounds, pitch for pitch, like <c>abc2abc -t N</c> over the cleaned Nottingham tunes.</summary>
public sealed class TranspositionAgreementTests(ITestOutputHelper output)
{
    private static readonly int[] Shifts = [-5, -1, 2, 6, 7];

    private const double Floor = 0.99;

    [Fact]
    public void Transposed_pitches_agree_with_abc2abc()
    {
        var abc2abc = ReferenceTools.Require("abc2abc");
        var files = DatasetCorpus.All().Where(f => f.Collection == "nott_clean").ToList();
        var root = DatasetCorpus.AbcRoot();
        var theirs = new ConcurrentDictionary<(string, int), IReadOnlyList<AbcTune>>();
        Parallel.ForEach(files.SelectMany(f => Shifts.Prepend(0).Select(n => (f, n))), job =>
        {
            string[] args = job.n == 0 ? [Path.Combine(root, job.f.RelativePath)] : [Path.Combine(root, job.f.RelativePath), "-t", $"{job.n}"];
            var text = AbcText.Decode(ReferenceTools.Run(abc2abc, args)).Text;
            theirs[(job.f.RelativePath, job.n)] = AbcDocument.Parse(text).Tunes;
        });
        // A tune abc2abc cannot even copy unchanged (it drops lines after some repeat and continuation
        // patterns) says nothing about transposition, so the floor applies to the tunes it copies faithfully.
        var faithful = new HashSet<(string, int)>();
        var truncated = new Dictionary<(string, int), int>();
        foreach (var file in files)
        {
            var copy = theirs[(file.RelativePath, 0)];
            foreach (var tune in file.Document.Tunes)
            {
                var original = Pitches(tune);
                var copied = tune.Index < copy.Count ? Pitches(copy[tune.Index]) : [];
                if (original.SequenceEqual(copied))
                    faithful.Add((file.RelativePath, tune.Index));
                else if (copied.Count < original.Count && original.Take(copied.Count).SequenceEqual(copied))
                    truncated[(file.RelativePath, tune.Index)] = copied.Count;
                else
                    output.WriteLine($"  copy {file.RelativePath} X:{tune.X}: {FirstDifference(original, copied)}");
            }
        }
        var total = files.Sum(f => f.Document.Tunes.Count);
        output.WriteLine($"abc2abc without -t keeps the pitches of {faithful.Count}/{total} tunes; {truncated.Count} of the others lose their end, " +
            $"{total - faithful.Count - truncated.Count} lose lines inside (parts then play differently)");
        foreach (var n in Shifts)
        {
            int same = 0, sameFaithful = 0, samePrefix = 0, selfSame = 0;
            var shown = 0;
            foreach (var file in files)
            {
                var other = theirs[(file.RelativePath, n)];
                foreach (var tune in file.Document.Tunes)
                {
                    var ours = Pitches(AbcTransposer.Transpose(tune, n));
                    if (ours.SequenceEqual(Pitches(tune).Select(p => p + n)))
                        selfSame++;
                    var reference = tune.Index < other.Count ? Pitches(other[tune.Index]) : [];
                    var isFaithful = faithful.Contains((file.RelativePath, tune.Index));
                    if (ours.SequenceEqual(reference))
                    {
                        same++;
                        sameFaithful += isFaithful ? 1 : 0;
                    }
                    else if (truncated.TryGetValue((file.RelativePath, tune.Index), out var kept)
                        && reference.Count == kept && ours.Take(kept).SequenceEqual(reference))
                    {
                        samePrefix++;
                    }
                    else if (isFaithful && shown++ < 8)
                        output.WriteLine($"  -t {n} {file.RelativePath} X:{tune.X} {tune.Title}: {FirstDifference(ours, reference)}");
                }
            }
            var rate = (double)sameFaithful / faithful.Count;
            output.WriteLine($"-t {n,2}: {same}/{total} tunes sound like abc2abc ({(double)same / total:P1}), " +
                $"{sameFaithful}/{faithful.Count} of those it copies faithfully ({rate:P1}), {samePrefix}/{truncated.Count} of those it cuts short " +
                $"agree up to the cut; {selfSame}/{total} are the original shifted by {n}");
            Assert.Equal(total, selfSame);
            Assert.True(rate >= Floor, $"-t {n}: {rate:P1} below {Floor:P0}");
            Assert.True(samePrefix >= truncated.Count * Floor, $"-t {n}: {samePrefix}/{truncated.Count} cut-short tunes agree");
        }
    }

    /// <summary>The sounding MIDI pitches in playing order, as our parser reads the tune.</summary>
    private static List<int> Pitches(AbcTune tune) => MidiWriter.Notes(tune).Select(x => x.Pitch).ToList();

    private static string FirstDifference(List<int> ours, List<int> theirs)
    {
        var i = 0;
        while (i < ours.Count && i < theirs.Count && ours[i] == theirs[i])
            i++;
        return $"note {i} of {ours.Count}/{theirs.Count}: ours {string.Join(' ', ours.Skip(i).Take(6))} abc2abc {string.Join(' ', theirs.Skip(i).Take(6))}";
    }
}
