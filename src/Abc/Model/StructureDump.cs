using System.Text;

namespace MusicPile.Abc;

/// <summary>A canonical text of a tune's structure with no source positions, used for structural equality.</summary>
internal static class StructureDump
{
    public static string Dump(AbcTune tune)
    {
        var sb = new StringBuilder(4096);
        foreach (var f in tune.Header)
            sb.Append("H ").Append(f.Name).Append(' ').Append(f.Value).Append('\n');
        foreach (var v in tune.Voices)
        {
            sb.Append("V ").Append(v.Id).Append(' ').Append(v.Properties).Append('\n');
            foreach (var bar in v.Bars)
            {
                sb.Append("B");
                foreach (var e in bar.Elements)
                {
                    sb.Append(' ');
                    Element(sb, e);
                }
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    private static void Element(StringBuilder sb, AbcElement e)
    {
        switch (e)
        {
            case AbcNote n:
                Note(sb, n);
                break;
            case AbcRest r:
                sb.Append("rest(").Append(r.Kind).Append(',').Append(r.Length).Append(',').Append(r.Duration).Append(r.BeamBreak ? ",b" : "").Append(')');
                break;
            case AbcChord c:
                sb.Append("chord(");
                foreach (var n in c.Notes)
                    Note(sb, n);
                sb.Append(';').Append(string.Join(",", c.InnerDecorations)).Append(';').Append(c.Length).Append(',').Append(c.Duration)
                    .Append(c.Tie ? ",t" : "").Append(c.BeamBreak ? ",b" : "").Append(')');
                break;
            case AbcGraceGroup g:
                sb.Append("grace(").Append(g.Acciaccatura ? "/" : "");
                foreach (var n in g.Notes)
                    Note(sb, n);
                sb.Append(')');
                break;
            case AbcDecoration d:
                sb.Append("deco(").Append(d.Form).Append(d.Name).Append(')');
                break;
            case AbcChordSymbol cs:
                sb.Append("cs(").Append(cs.Text).Append(')');
                break;
            case AbcAnnotation a:
                sb.Append("ann(").Append(a.Placement).Append(a.Text).Append(')');
                break;
            case AbcTuplet t:
                sb.Append("tup(").Append(t.P).Append(':').Append(t.Q).Append(':').Append(t.R).Append(')');
                break;
            case AbcBrokenRhythm b:
                sb.Append("broken(").Append(b.Direction).Append(b.Count).Append(')');
                break;
            case AbcSlur s:
                sb.Append(s.Start ? "slur(" : "slur)");
                break;
            case AbcBarLine b:
                sb.Append("bar(").Append(b.Kind).Append(',').Append(b.Ending).Append(')');
                break;
            case AbcFieldElement f:
                sb.Append("field(").Append(f.Name).Append(f.Inline ? "i:" : ":").Append(f.Value).Append(')');
                break;
            case AbcLineBreak:
                sb.Append("eol");
                break;
            case AbcSpacer sp:
                sb.Append("sp(").Append(sp.Symbol).Append(')');
                break;
            case AbcDirective dir:
                sb.Append("dir(").Append(dir.Text).Append(')');
                break;
            default:
                sb.Append(e.GetType().Name);
                break;
        }
    }

    private static void Note(StringBuilder sb, AbcNote n) =>
        sb.Append("note(").Append((int)n.Accidental).Append(n.Letter).Append(n.Octave).Append(',').Append(n.Length).Append(',')
            .Append(n.Duration).Append(n.Tie ? ",t" : "").Append(n.BeamBreak ? ",b" : "").Append(')');
}
