namespace MusicPile.Abc;

/// <summary>A parsed ABC file: its file header and its tunes.</summary>
public sealed record AbcDocument
{
    /// <summary>The file name given to <see cref="Parse"/>.</summary>
    public string? FileName { get; init; }

    /// <summary>Fields of the file header (a first block of fields before any <c>X:</c>).</summary>
    public IReadOnlyList<AbcField> FileHeader { get; init; } = [];

    /// <summary>The tunes in file order.</summary>
    public IReadOnlyList<AbcTune> Tunes { get; init; } = [];

    /// <summary>Parses the text of a whole file. Never throws on bad ABC: problems become diagnostics.</summary>
    public static AbcDocument Parse(string text, string? fileName = null) => DocumentParser.Parse(text, fileName);

    /// <summary>Finds the file header and where each tune starts and ends, without parsing the tunes (cheap on big files).</summary>
    public static AbcFileLayout Split(string text) => DocumentParser.Split(text);

    /// <summary>Parses the first tune of a text (a single tune without <c>X:</c> is read as one), or null when there is none.</summary>
    public static AbcTune? ParseTune(string text)
    {
        var doc = Parse(text);
        if (doc.Tunes.Count > 0)
            return doc.Tunes[0];
        return text.Contains("K:", StringComparison.Ordinal) ? Parse("X:1\n" + text.TrimStart()).Tunes.FirstOrDefault() : null;
    }
}
