namespace MusicPile.Abc;

/// <summary>Line starts of a text, so positions can be reported as 1-based line and column of the original file.</summary>
internal sealed class SourceLines
{
    private readonly List<int> _starts = [];
    private readonly List<int> _lengths = [];

    public SourceLines(string text)
    {
        Text = text;
        var start = 0;
        while (true)
        {
            var found = text.AsSpan(start).IndexOfAny('\n', '\r');
            if (found < 0)
                break;
            var i = start + found;
            _starts.Add(start);
            _lengths.Add(found);
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                i++;
            start = i + 1;
        }
        if (start < text.Length)
        {
            _starts.Add(start);
            _lengths.Add(text.Length - start);
        }
    }

    public string Text { get; }

    public int Count => _starts.Count;

    /// <summary>Start offset of 0-based line <paramref name="index"/>.</summary>
    public int Start(int index) => _starts[index];

    public int Length(int index) => _lengths[index];

    public ReadOnlySpan<char> Span(int index) => Text.AsSpan(_starts[index], _lengths[index]);

    public bool IsBlank(int index) => Span(index).IsWhiteSpace();

    /// <summary>True for <c>X:</c>-style field lines: a letter (or <c>+</c>) then a colon.</summary>
    public bool IsFieldLine(int index)
    {
        var s = Span(index);
        return s.Length >= 2 && s[1] == ':' && (char.IsAsciiLetter(s[0]) || s[0] == '+');
    }
}
