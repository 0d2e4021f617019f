namespace MusicPile.Serve.Tests;

/// <summary>Reads the <c>data:</c> payloads of a server-sent event stream.</summary>
internal static class SseReader
{
    public static async Task<List<string>> ReadAllAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var events = new List<string>();
        await foreach (var data in ReadAsync(response, cancellationToken))
            events.Add(data);
        return events;
    }

    public static async IAsyncEnumerable<string> ReadAsync(HttpResponseMessage response, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
                yield return line["data: ".Length..];
        }
    }
}
