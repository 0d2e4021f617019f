namespace AbcBench;

/// <summary>The human-readable form of a <see cref="BenchReport"/>.</summary>
internal static class ReportPrinter
{
    public static void Print(BenchReport r, TextWriter o)
    {
        o.WriteLine($"AbcBench {r.Date:yyyy-MM-dd HH:mm zzz} on {r.Machine}");
        o.WriteLine($"corpus: {r.CorpusTunes:N0} tunes ({r.CorpusFiles:N0} files, split at X: lines); MusicPile parsed {r.TunesParsedByUs:N0} tunes from them");
        o.WriteLine();
        o.WriteLine("1. Speed (same tune texts for every tool)");
        o.WriteLine($"   {"tool",-58} {"tunes",7} {"tunes/s",10} {"us/tune",10} {"corpus s",9}");
        foreach (var s in r.Speed)
            o.WriteLine($"   {s.Tool,-58} {s.Tunes,7:N0} {s.TunesPerSecond,10:N0} {s.MicrosecondsPerTune,10:N1} {s.CorpusSeconds,9:F2}{(s.Extrapolated ? " (extrapolated)" : "")}");
        foreach (var s in r.Speed)
            o.WriteLine($"   - {s.Tool}: {s.Note}");
        foreach (var (name, ratio) in r.Ratios)
            o.WriteLine($"   ratio {name} (tunes/s): {ratio:N1}x");
        o.WriteLine();

        if (r.Fuzz is { } f)
        {
            o.WriteLine($"2. Robustness: {f.Cases:N0} fuzz cases, seed {f.Seed}, {f.Workers} worker(s), in {f.Seconds:F1} s = {f.CasesPerSecond:N0} cases/s");
            o.WriteLine($"   stages per tune: parse, validate, normalize, write, transpose(+write), fingerprint, MIDI; {f.TunesParsed:N0} tunes parsed in all");
            o.WriteLine($"   kinds: {string.Join(", ", f.CasesByKind.Select(kv => $"{kv.Key} {kv.Value:N0}"))}");
            o.WriteLine($"   exceptions: {f.Exceptions.Count}   hangs (> {f.HangLimitSeconds:F0} s): {f.Hangs.Count}   cases over 1 s: {f.OverOneSecond.Count}   MIDI refused at its bound: {FuzzPipeline.MidiRefusals:N0}");
            if (f.Slowest is { } s)
                o.WriteLine($"   slowest: case {s.Case} ({s.Kind}, {s.Length:N0} chars) {s.Milliseconds:F1} ms");
            foreach (var e in f.Exceptions.Take(20))
                o.WriteLine($"   EXCEPTION case {e.Case} ({e.Kind}, {e.Length:N0} chars) in {e.Stage}: {e.Error} {e.Where}");
            if (f.Exceptions.Count > 20)
                o.WriteLine($"   ... {f.Exceptions.Count - 20} more (see --json)");
            foreach (var h in f.Hangs)
                o.WriteLine($"   HANG case {h.Case} ({h.Kind}, {h.Length:N0} chars), abandoned after {h.Milliseconds / 1000:F1} s");
            foreach (var s1 in f.OverOneSecond.Take(20))
                o.WriteLine($"   SLOW case {s1.Case} ({s1.Kind}, {s1.Length:N0} chars) {s1.Milliseconds:F0} ms");
            o.WriteLine("   replay one case: add --fuzz-case N (same --seed)");
            o.WriteLine();
        }

        if (r.Agreement is { } a)
        {
            o.WriteLine($"3. Agreement with abc2midi (baseline TSV, {a.BaselineRows:N0} rows, {a.Unmatched} without a matching tune)");
            PrintTable(o, "bar-length warning (abc2midi) vs bar-duration (ours)", a.BarLength);
            PrintTable(o, "error (abc2midi) vs fatal (ours)", a.Errors);
            o.WriteLine("   most frequent abc2midi errors in tunes we do not call fatal (tunes):");
            foreach (var (message, count) in a.TopErrorMessages)
                o.WriteLine($"   {count,7:N0}  {message}");
        }
    }

    private static void PrintTable(TextWriter o, string title, IReadOnlyList<AgreementRow> rows)
    {
        o.WriteLine($"   {title}");
        o.WriteLine($"   {"collection",-11} {"tunes",6} {"abc2midi",9} {"ours",6} {"both",6} {"only a2m",9} {"only ours",9} {"agree",7} {"recall",7} {"precis.",7} {"kappa",6}");
        foreach (var x in rows)
        {
            o.WriteLine($"   {x.Collection,-11} {x.Tunes,6:N0} {x.Abc2Midi,9:N0} {x.Ours,6:N0} {x.Both,6:N0} {x.OnlyAbc2Midi,9:N0} {x.OnlyOurs,9:N0} " +
                        $"{x.Agreement,7:P1} {x.Recall,7:P1} {x.Precision,7:P1} {x.Kappa,6:F2}");
        }
        o.WriteLine();
    }
}
