namespace AbcBench;

/// <summary>Compares our verdicts with abc2midi's from the baseline TSV: bar-length warnings vs <c>bar-duration</c>, errors vs fatal.</summary>
internal static class Agreement
{
    /// <summary>Agreement tables, plus baseline rows that had no tune on our side.</summary>
    /// <param name="TopErrorMessages">abc2midi error messages (numbers as N) in tunes we do not call fatal, most frequent first, with tune counts.</param>
    public sealed record Result(
        List<AgreementRow> BarLength, List<AgreementRow> Errors, int BaselineRows, int Unmatched, IReadOnlyList<KeyValuePair<string, int>> TopErrorMessages);

    public static async Task<Result?> CompareAsync(
        string tsvPath, IReadOnlyList<CorpusTune> tunes, IReadOnlyList<OurParser.Verdict> verdicts, CancellationToken cancellationToken)
    {
        if (!File.Exists(tsvPath))
        {
            Console.Error.WriteLine($"agreement: skipped, {tsvPath} not found");
            return null;
        }
        var index = new Dictionary<(string, int), int>();
        for (var i = 0; i < tunes.Count; i++)
            index[(tunes[i].SourcePath, tunes[i].Ordinal)] = i;

        var lines = await File.ReadAllLinesAsync(tsvPath, cancellationToken);
        var columns = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(columns, name) is var c and >= 0 ? c : throw new InvalidDataException($"TSV has no {name} column");
        int collection = Column("collection"), path = Column("source_path"), ordinal = Column("tune_ordinal");
        int errors = Column("abc2midi_errors"), barWarnings = Column("abc2midi_bar_length_warnings"), messages = Column("abc2midi_messages");

        var bar = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var err = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var missed = new Dictionary<string, int>(StringComparer.Ordinal);
        int rows = 0, unmatched = 0;
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
                continue;
            rows++;
            var f = line.Split('\t');
            if (!index.TryGetValue((f[path], int.Parse(f[ordinal], System.Globalization.CultureInfo.InvariantCulture)), out var i))
            {
                unmatched++;
                continue;
            }
            Count(bar, f[collection], int.Parse(f[barWarnings], System.Globalization.CultureInfo.InvariantCulture) > 0, verdicts[i].BarDuration);
            var abc2midiError = int.Parse(f[errors], System.Globalization.CultureInfo.InvariantCulture) > 0;
            Count(err, f[collection], abc2midiError, verdicts[i].Fatal);
            if (abc2midiError && !verdicts[i].Fatal)
            {
                var kinds = f[messages].Split(" | ").Where(m => m.StartsWith("E:", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal);
                foreach (var kind in kinds)
                    missed[kind] = missed.GetValueOrDefault(kind) + 1;
            }
        }
        return new Result(ToRows(bar), ToRows(err), rows, unmatched, [.. missed.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(10)]);
    }

    private static void Count(Dictionary<string, int[]> counts, string collection, bool theirs, bool ours)
    {
        foreach (var key in new[] { collection, "all" })
        {
            if (!counts.TryGetValue(key, out var c))
                counts[key] = c = new int[4];
            c[(theirs ? 2 : 0) + (ours ? 1 : 0)]++;
        }
    }

    private static List<AgreementRow> ToRows(Dictionary<string, int[]> counts) =>
    [
        .. counts.Where(kv => kv.Key != "all").OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Concat(counts.Where(kv => kv.Key == "all"))
            .Select(kv => new AgreementRow(kv.Key, kv.Value.Sum(), kv.Value[3], kv.Value[2], kv.Value[1])),
    ];
}
