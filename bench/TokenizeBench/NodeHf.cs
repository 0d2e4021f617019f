using System.Diagnostics;
using System.Text.Json;

namespace TokenizeBench;

/// <summary>Hugging Face <c>tokenizers</c> run through <c>node/bench.mjs</c>: ids of each text and the time taken.</summary>
internal static class NodeHf
{
    public static async Task<(int[][] Ids, long Tokens, double Seconds)> EncodeAsync(string nodeDir, string tokenizerJson, IReadOnlyList<string> texts, string work)
    {
        var textsPath = Path.Combine(work, "texts.jsonl");
        var idsPath = Path.Combine(work, "hf-ids.jsonl");
        await File.WriteAllLinesAsync(textsPath, texts.Select(t => JsonSerializer.Serialize(t)));
        var start = new ProcessStartInfo("node", [Path.Combine(nodeDir, "bench.mjs"), tokenizerJson, textsPath, idsPath])
        {
            WorkingDirectory = nodeDir,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"node failed ({process.ExitCode}); run `npm ci` in {nodeDir} first");
        using var result = JsonDocument.Parse(output);
        var ids = File.ReadLines(idsPath).Select(l => JsonSerializer.Deserialize<int[]>(l)!).ToArray();
        if (ids.Length != texts.Count)
            throw new InvalidOperationException($"node returned {ids.Length} results for {texts.Count} texts");
        return (ids, result.RootElement.GetProperty("tokens").GetInt64(), result.RootElement.GetProperty("seconds").GetDouble());
    }
}
