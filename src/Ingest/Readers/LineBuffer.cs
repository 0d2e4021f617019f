namespace MusicPile.Ingest.Readers;

/// <summary>The line being read: its bytes up to a limit, then only its length, so one huge line never fills memory.</summary>
internal sealed class LineBuffer(long limit)
{
    private readonly MemoryStream _bytes = new();
    private bool _over;

    /// <summary>Bytes of the line so far, kept or not.</summary>
    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> part)
    {
        Length += part.Length;
        if (_over)
            return;
        if (_bytes.Length + part.Length > limit)
        {
            _over = true;
            _bytes.SetLength(0);
            return;
        }
        _bytes.Write(part);
    }

    /// <summary>The line as read so far, and a fresh start for the next one.</summary>
    public InputLine Take(int number, string? error)
    {
        var line = new InputLine(number, _over ? null : _bytes.ToArray(), Length, error);
        _bytes.SetLength(0);
        _over = false;
        Length = 0;
        return line;
    }
}
