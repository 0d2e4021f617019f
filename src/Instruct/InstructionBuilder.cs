using System.Globalization;
using System.Text;
using MusicPile.Abc;

namespace MusicPile.Instruct;

/// <summary>Builds one task's example from a tune, or says why the tune cannot serve that task.</summary>
public static class InstructionBuilder
{
    /// <summary>The example for <paramref name="task"/> using paraphrase <paramref name="promptIndex"/> (taken modulo the pool), or a skip reason.</summary>
    public static (InstructionExample? Example, string? SkipReason) Build(string task, TuneMaterial m, int promptIndex)
    {
        ArgumentNullException.ThrowIfNull(m);
        var pool = InstructionPrompts.For(task);
        var instruction = pool[(int)((uint)promptIndex % (uint)pool.Count)];
        var s = m.Structure;
        if (!s.HasMusic)
            return (null, "no-music");
        switch (task)
        {
            case InstructionTasks.Chord:
                if (s.ChordProgression.DistinctCount < 2)
                    return (null, "no-chords");
                return (new InstructionExample(task, instruction, $"Chords: {s.ChordProgression.ToBarText()}\n{m.Setting}", m.Abc, [m.Abc]), null);
            case InstructionTasks.Form:
                return (new InstructionExample(task, instruction, $"Form: {s.FormTerm}, {s.LetterForm} ({SectionLengths(s)})\n{m.Setting}", m.Abc, [m.Abc]), null);
            case InstructionTasks.LetterFormMotif:
                if (s.TuneMotif is not { Length: >= 3 } lm)
                    return (null, "no-motif");
                return (new InstructionExample(task, instruction, $"Letter form: {s.LetterForm}\nMotif: {lm.Notes}\n{m.Setting}", m.Abc, [m.Abc]), null);
            case InstructionTasks.FormTermMotif:
                if (s.TuneMotif is not { Length: >= 3 } tm)
                    return (null, "no-motif");
                return (new InstructionExample(task, instruction, $"Form: {s.FormTerm}\nMotif: {tm.Notes}\n{m.Setting}", m.Abc, [m.Abc]), null);
            case InstructionTasks.Harmonization:
                if (s.ChordProgression.DistinctCount < 2)
                    return (null, "no-chords");
                return (new InstructionExample(task, instruction, m.Melody, m.Abc, [m.Melody, m.Abc]), null);
            case InstructionTasks.Bach:
                if (!m.IsBach)
                    return (null, "not-bach");
                return (new InstructionExample(task, instruction, m.Setting, m.Abc, [m.Abc]), null);
            case InstructionTasks.MotifExtraction:
                if (s.Motifs.Count == 0)
                    return (null, "no-motif");
                return (new InstructionExample(task, instruction, m.Melody, DescribeMotifs(s), [m.Melody]), null);
            case InstructionTasks.FormExtraction:
                return (new InstructionExample(task, instruction, m.Abc, DescribeForm(s), [m.Abc]), null);
            default:
                throw new ArgumentOutOfRangeException(nameof(task), task, "unknown instruction task");
        }
    }

    private static string SectionLengths(TuneStructureResult s) =>
        "sections of " + string.Join(", ", s.Sections.Select(x => x.Label + ": " + Bars(x.BarCount)));

    private static string Bars(int n) => n == 1 ? "1 bar" : n.ToString(CultureInfo.InvariantCulture) + " bars";

    private static string DescribeMotifs(TuneStructureResult s)
    {
        var sb = new StringBuilder();
        foreach (var motif in s.Motifs)
        {
            var section = s.Sections[motif.Section];
            sb.Append(CultureInfo.InvariantCulture,
                $"Section {section.Label} (bars {section.BarRange}): {motif.Notes}, heard {motif.Occurrences} times.\n");
        }
        if (s.TuneMotif is { } t)
            sb.Append(CultureInfo.InvariantCulture, $"Across the whole tune the most frequent figure is {t.Notes} ({t.Occurrences} times).");
        return sb.ToString().TrimEnd();
    }

    private static string DescribeForm(TuneStructureResult s)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Letter form: {s.LetterForm}. Form: {s.FormTerm}.\n");
        foreach (var x in s.Sections)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Section {x.Label}: bars {x.BarRange}");
            if (x.Repeated)
                sb.Append(", repeated");
            if (x.MatchedSection is { } j)
            {
                var other = s.Sections[j];
                sb.Append(CultureInfo.InvariantCulture, $"; similarity to section {other.Label} (bars {other.BarRange}) {x.Similarity:0.0}/10");
                sb.Append(x.Label == other.Label ? ", the same music" : x.Letter == other.Letter ? ", a variation" : ", new material");
            }
            sb.Append(".\n");
        }
        return sb.ToString().TrimEnd();
    }
}
