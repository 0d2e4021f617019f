namespace MusicPile.Ingest.Readers;

/// <summary>Opens a source file, through gzip when its name ends in <c>.gz</c>, and splits bytes into lines.</summary>
internal static class InputBytes
{
    public static Stream Open(string path)
    {
        Stream s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new CheckedGzipStream(s) : s;
    }

    /// <summary>Reads the whole (decompressed) file; a truncated or corrupt gzip gives what was read and the error.</summary>
    public static async Task<(byte[] Bytes, string? Error)> ReadAllAsync(string path, long limit, CancellationToken ct)
    {
        await using var s = Open(path);
        using var ms = new MemoryStream();
        var buffer = new byte[1 << 16];
        try
        {
            int n;
            while ((n = await s.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                ms.Write(buffer, 0, n);
                if (ms.Length > limit)
                    return (ms.ToArray(), $"file is larger than the {limit:N0}-byte limit");
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            return (ms.ToArray(), "truncated or corrupt gzip: " + e.Message);
        }
        return (ms.ToArray(), null);
    }

    /// <summary>
    /// Streams lines as bytes (without the newline), numbered from 1. A line longer than <paramref name="maxLineBytes"/>
    /// is not kept: it comes with null bytes and its full length, and reading goes on at the next line, so memory stays
    /// bounded whatever the file holds. A read error ends the stream with it.
    /// </summary>
    public static async IAsyncEnumerable<InputLine> ReadLinesAsync(string path, long maxLineBytes,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var s = Open(path);
        var buffer = new byte[1 << 16];
        var line = new LineBuffer(maxLineBytes);
        var lineNo = 1;
        while (true)
        {
            int n;
            string? error = null;
            try
            {
                n = await s.ReadAsync(buffer, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
            {
                n = 0;
                error = "truncated or corrupt gzip: " + e.Message;
            }
            if (error is not null)
            {
                // The partial line goes with the error, so the rejects keep what was readable.
                yield return line.Take(lineNo, error);
                yield break;
            }
            if (n == 0)
                break;
            var start = 0;
            for (var i = Array.IndexOf(buffer, (byte)'\n', 0, n); i >= 0; i = Array.IndexOf(buffer, (byte)'\n', start, n - start))
            {
                line.Append(buffer.AsSpan(start, i - start));
                yield return line.Take(lineNo++, null);
                start = i + 1;
            }
            line.Append(buffer.AsSpan(start, n - start));
        }
        if (line.Length > 0)
            yield return line.Take(lineNo, null);
    }

    public static bool LooksBinary(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(bytes.Length, 8192)].IndexOf((byte)0) >= 0;
}
