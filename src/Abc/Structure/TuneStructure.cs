namespace MusicPile.Abc;

/// <summary>
/// Form, motifs and chords of a tune, after ChatMusician: sections split at section bar lines; each section compared
/// by edit distance with the earlier ones on a 0-10 scale; 8 or more takes the matched section's label, 6 to 8 its
/// letter with a prime (a variation), below 6 a new letter. The letter form is named by <see cref="FormTerms"/>.
/// </summary>
public static class TuneStructure
{
    /// <summary>Analyses the first voice with notes of a tune.</summary>
    public static TuneStructureResult Analyze(AbcTune tune, TuneStructureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tune);
        var o = (options ?? TuneStructureOptions.Default).Validate();
        var raw = SectionSplitter.Split(tune, o.MinSectionBars);
        var sections = Label(raw, o);
        var letters = new List<string>();
        foreach (var s in sections)
        {
            letters.Add(s.Label);
            if (o.ExpandRepeats && s.Repeated)
                letters.Add(s.Label);
        }
        var letterForm = string.Concat(letters);
        var motifs = new List<TuneMotif>();
        for (var i = 0; i < raw.Count; i++)
        {
            if (MotifFinder.Find(i, sections[i].Label, raw[i].Notes, o.MaxMotifLength) is { } m)
                motifs.Add(m);
        }
        var tuneMotif = MotifFinder.Find(-1, "", raw.SelectMany(r => r.Notes), o.MaxMotifLength);
        return new TuneStructureResult(sections, letterForm, FormTerms.Classify(letterForm), motifs, tuneMotif,
            ChordProgressionReader.Read(tune));
    }

    private static List<TuneSection> Label(List<RawSection> raw, TuneStructureOptions o)
    {
        var result = new List<TuneSection>(raw.Count);
        var nextLetter = 'A';
        var primes = new Dictionary<char, int>();
        for (var i = 0; i < raw.Count; i++)
        {
            var best = -1;
            var bestScore = 0.0;
            for (var j = 0; j < i; j++)
            {
                var score = SectionSimilarity.Score(raw[i], raw[j]);
                if (score > bestScore)
                    (best, bestScore) = (j, score);
            }
            string label;
            if (best >= 0 && bestScore >= o.SameThreshold)
                label = result[best].Label;
            else if (best >= 0 && bestScore >= o.VariationThreshold)
            {
                var letter = result[best].Letter;
                primes[letter] = primes.GetValueOrDefault(letter) + 1;
                label = letter + new string('\'', primes[letter]);
            }
            else
            {
                label = nextLetter.ToString();
                nextLetter = nextLetter == 'Z' ? 'Z' : (char)(nextLetter + 1);
            }
            var s = raw[i];
            result.Add(new TuneSection(i, label, s.FirstBar, s.BarCount, s.Repeated, s.Notes.Count, best >= 0 ? best : null,
                Math.Round(bestScore, 1)));
        }
        return result;
    }
}
