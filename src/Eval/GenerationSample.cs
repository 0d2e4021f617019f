using System.Text.RegularExpressions;

namespace MusicPile.Eval;

/// <summary>A model's answer with the key and meter its prompt asked for (null where the prompt named none).</summary>
/// <param name="Output">The generated text.</param>
/// <param name="ExpectedKey">A <c>K:</c> value such as <c>Gmin</c>, or null.</param>
/// <param name="ExpectedMeter">An <c>M:</c> value such as <c>6/8</c>, or null.</param>
public sealed partial record GenerationSample(string Output, string? ExpectedKey = null, string? ExpectedMeter = null)
{
    /// <summary>A sample whose expectations are read from <c>Key: ..</c> and <c>Meter: ..</c> lines of the prompt, as the instruction tasks write them.</summary>
    public static GenerationSample FromPrompt(string prompt, string output)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var key = KeyLine().Match(prompt);
        var meter = MeterLine().Match(prompt);
        return new GenerationSample(output, key.Success ? key.Groups[1].Value.Trim() : null, meter.Success ? meter.Groups[1].Value.Trim() : null);
    }

    [GeneratedRegex(@"^Key:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^Meter:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex MeterLine();
}
