using System.Text;

namespace MusicPile.Abc;

/// <summary>Writes body elements keeping the line structure: a line the model does not end is continued with <c>\</c>.</summary>
internal sealed class BodyWriter(StringBuilder sb)
{
    private int _lineStart = sb.Length;
    private bool _spaceDue;

    private bool LineHasContent => sb.Length > _lineStart;

    public void FieldLine(char name, string value)
    {
        BreakLine();
        sb.Append(name).Append(':').Append(value).Append('\n');
        _lineStart = sb.Length;
    }

    public void EndVoice() => BreakLine();

    public void Elements(List<AbcElement> elements)
    {
        for (var k = 0; k < elements.Count; k++)
        {
            var e = elements[k];
            if (IsPrefix(e))
            {
                if ((k == 0 || !IsPrefix(elements[k - 1])) && Target(elements, k) is { BeamBreak: true })
                    Space();
            }
            else if (e is AbcTimedElement { BeamBreak: true } && (k == 0 || !IsPrefix(elements[k - 1])))
                Space();
            Element(e);
        }
    }

    private static bool IsPrefix(AbcElement e) =>
        e is AbcDecoration or AbcChordSymbol or AbcAnnotation or AbcGraceGroup or AbcTuplet or AbcSlur { Start: true };

    private static AbcTimedElement? Target(List<AbcElement> elements, int k)
    {
        for (; k < elements.Count; k++)
        {
            if (!IsPrefix(elements[k]))
                return elements[k] as AbcTimedElement;
        }
        return null;
    }

    private void Space()
    {
        if (LineHasContent && sb[^1] != ' ')
            sb.Append(' ');
    }

    private void Element(AbcElement e)
    {
        if (_spaceDue && e is not (AbcLineBreak or AbcFieldElement { Inline: false } or AbcDirective))
            Space();
        _spaceDue = false;
        switch (e)
        {
            case AbcNote n:
                AbcWriter.AppendNote(sb, n);
                break;
            case AbcRest r:
                sb.Append(r.Kind);
                AbcWriter.AppendLength(sb, r.Length);
                break;
            case AbcChord c:
                sb.Append('[');
                foreach (var d in c.InnerDecorations)
                    Decoration(d, '!');
                foreach (var n in c.Notes)
                    AbcWriter.AppendNote(sb, n);
                sb.Append(']');
                AbcWriter.AppendLength(sb, c.Length);
                if (c.Tie)
                    sb.Append('-');
                break;
            case AbcGraceGroup g:
                sb.Append('{');
                if (g.Acciaccatura)
                    sb.Append('/');
                foreach (var n in g.Notes)
                    AbcWriter.AppendNote(sb, n);
                sb.Append('}');
                break;
            case AbcDecoration d:
                Decoration(d.Name, d.Form);
                break;
            case AbcChordSymbol cs:
                sb.Append('"').Append(cs.Text).Append('"');
                break;
            case AbcAnnotation a:
                sb.Append('"').Append(a.Placement).Append(a.Text).Append('"');
                break;
            case AbcTuplet t:
                sb.Append('(').Append(t.P);
                if (!(t.R == t.P && ((t.P == 3 && t.Q == 2) || (t.P == 2 && t.Q == 3) || (t.P == 4 && t.Q == 3))))
                    sb.Append(':').Append(t.Q).Append(':').Append(t.R);
                break;
            case AbcBrokenRhythm b:
                sb.Append(b.Direction, b.Count);
                break;
            case AbcSlur s:
                sb.Append(s.Start ? '(' : ')');
                break;
            case AbcBarLine b:
                BarLine(b);
                break;
            case AbcFieldElement { Inline: true } f:
                sb.Append('[').Append(f.Name).Append(':').Append(f.Value).Append(']');
                break;
            case AbcFieldElement f:
                FieldLine(f.Name, f.Value);
                break;
            case AbcDirective d:
                BreakLine();
                sb.Append("%%").Append(d.Text).Append('\n');
                _lineStart = sb.Length;
                break;
            case AbcLineBreak:
                NewLine();
                break;
            case AbcSpacer sp:
                sb.Append(sp.Symbol);
                break;
        }
    }

    private void Decoration(string name, char form)
    {
        if (form is '!' or '+')
            sb.Append(form).Append(name).Append(form);
        else
            sb.Append(form);
    }

    private void BarLine(AbcBarLine b)
    {
        if (b.Kind.Length == 0)
        {
            Space();
            sb.Append('[').Append(b.Ending);
            _spaceDue = true;
            return;
        }
        Space();
        sb.Append(b.Kind);
        if (b.Ending is not null)
        {
            if (b.Kind[^1] != '|')
                sb.Append(" [");
            sb.Append(b.Ending);
        }
        _spaceDue = true;
    }

    /// <summary>Ends a line the model ends.</summary>
    private void NewLine()
    {
        TrimTrailingSpace();
        if (!LineHasContent)
            sb.Append('y');
        sb.Append('\n');
        _lineStart = sb.Length;
    }

    /// <summary>Ends the current line where the model has no line break: with a continuation.</summary>
    private void BreakLine()
    {
        TrimTrailingSpace();
        if (!LineHasContent)
            return;
        sb.Append(" \\\n");
        _lineStart = sb.Length;
        _spaceDue = false;
    }

    private void TrimTrailingSpace()
    {
        while (LineHasContent && sb[^1] == ' ')
            sb.Length--;
    }
}
