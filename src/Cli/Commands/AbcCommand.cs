using System.CommandLine;
using MusicPile.Abc;
using MusicPile.Core;

namespace MusicPile.Cli.Commands;

/// <summary><c>musicpile abc check FILE... [--json]</c>, <c>abc normalize FILE [--transpose N]</c>, <c>abc midi FILE --out DIR</c>.</summary>
internal static class AbcCommand
{
    private static readonly Argument<string[]> Files = new("files") { Description = "ABC files", Arity = ArgumentArity.OneOrMore };
    private static readonly Argument<string> File1 = new("file") { Description = "ABC file" };
    private static readonly Option<int> Transpose = new("--transpose") { Description = "Semitones to transpose by (-24..24)" };
    private static readonly Option<bool> KeepTitles = new("--keep-titles") { Description = "Keep T: titles" };
    private static readonly Option<string> Out = new("--out") { Description = "Folder for the .mid files", Required = true };

    public static Command Create()
    {
        var abc = new Command("abc", "Check, normalise and convert ABC notation");
        var check = new Command("check", "Per-tune diagnostics with stable codes (exit 1 when a tune is unusable)");
        check.Arguments.Add(Files);
        check.SetAction((p, ct) => CliContext.GuardAsync(p, CheckAsync, ct));
        var normalize = new Command("normalize", "Print the tunes in the corpus form (X:1, L:, Q:, M:, K:, music only)");
        normalize.Arguments.Add(File1);
        normalize.Options.Add(Transpose);
        normalize.Options.Add(KeepTitles);
        normalize.SetAction((p, ct) => CliContext.GuardAsync(p, NormalizeAsync, ct));
        var midi = new Command("midi", "Write each tune as a standard MIDI file");
        midi.Arguments.Add(File1);
        midi.Options.Add(Out);
        midi.SetAction((p, ct) => CliContext.GuardAsync(p, MidiAsync, ct));
        abc.Subcommands.Add(check);
        abc.Subcommands.Add(normalize);
        abc.Subcommands.Add(midi);
        return abc;
    }

    private static byte[] Read(string path) => File.Exists(path)
        ? File.ReadAllBytes(path)
        : throw MusicPileException.Usage($"{path}: file not found");

    private static Task<int> CheckAsync(CliContext ctx, CancellationToken ct)
    {
        var results = ctx.Parse.GetValue(Files)!.SelectMany(f => AbcChecker.Check(Read(f), f)).ToList();
        var fatal = results.Count(r => r.Fatal);
        var warnings = results.Sum(r => r.Diagnostics.Count(d => d.Severity == AbcSeverity.Warning));
        if (ctx.Json)
        {
            ctx.WriteJson(new
            {
                tunes = results.Select(r => new
                {
                    file = r.File,
                    index = r.Index,
                    x = r.X,
                    fatal = r.Fatal,
                    diagnostics = r.Diagnostics.Select(d => new
                    {
                        code = d.Code,
                        severity = d.Severity == AbcSeverity.Fatal ? "fatal" : "warning",
                        line = d.Line,
                        column = d.Column,
                        message = d.Message,
                    }),
                }),
                summary = new { tunes = results.Count, fatal, warnings },
            });
        }
        else
        {
            foreach (var r in results)
            {
                foreach (var d in r.Diagnostics)
                    ctx.Human.WriteLine($"{r.File}:{d.Line}:{d.Column}: {(d.Severity == AbcSeverity.Fatal ? "fatal" : "warning")} [{d.Code}] tune {r.Index} (X:{r.X}): {d.Message}");
            }
            ctx.Human.WriteLine($"{results.Count} tunes, {fatal} unusable, {warnings} warnings");
        }
        return Task.FromResult(fatal > 0 ? ExitCodes.Failed : ExitCodes.Success);
    }

    private static Task<int> NormalizeAsync(CliContext ctx, CancellationToken ct)
    {
        var path = ctx.Parse.GetValue(File1)!;
        var transpose = ctx.Parse.GetValue(Transpose);
        if (transpose is < -24 or > 24)
            throw MusicPileException.Usage($"--transpose {transpose}: must be between -24 and 24");
        var options = AbcNormalizerOptions.Default with { Transpose = transpose, KeepTitles = ctx.Parse.GetValue(KeepTitles) };
        var (text, repairs, tunes, skipped) = AbcNormalizer.NormalizeFile(Read(path), path, options);
        Console.Out.Write(text);
        Console.Error.WriteLine($"{tunes} tunes normalised, {skipped} unusable skipped" +
            (repairs.Count > 0 ? "; repairs: " + string.Join(", ", repairs.Select(kv => $"{kv.Key} {kv.Value}")) : ""));
        return Task.FromResult(ExitCodes.Success);
    }

    private static async Task<int> MidiAsync(CliContext ctx, CancellationToken ct)
    {
        var path = ctx.Parse.GetValue(File1)!;
        var outDir = ctx.Parse.GetValue(Out)!;
        Directory.CreateDirectory(outDir);
        var doc = AbcDocument.Parse(AbcText.Decode(Read(path)).Text, path);
        var written = new List<string>();
        foreach (var tune in doc.Tunes)
        {
            if (AbcValidator.IsFatal(AbcValidator.Validate(tune)))
            {
                Console.Error.WriteLine($"{path}:{tune.StartLine}: tune {tune.Index} (X:{tune.X}) is unusable; skipped");
                continue;
            }
            var name = Path.Combine(outDir, $"{Path.GetFileNameWithoutExtension(path)}-{tune.Index:000}.mid");
            byte[] midi;
            try
            {
                midi = MidiWriter.Write(tune);
            }
            catch (MidiLimitException e)
            {
                Console.Error.WriteLine($"{path}:{tune.StartLine}: tune {tune.Index} (X:{tune.X}): {e.Message}; skipped");
                continue;
            }
            await File.WriteAllBytesAsync(name, midi, ct).ConfigureAwait(false);
            written.Add(name);
        }
        if (ctx.Json)
            ctx.WriteJson(new { file = path, midi = written });
        ctx.Human.WriteLine($"{written.Count} MIDI files in {outDir}");
        return ExitCodes.Success;
    }
}
