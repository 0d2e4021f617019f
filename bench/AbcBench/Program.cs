// dotnet run -c Release --project bench/AbcBench -- /work/shared/datasets [--json]
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using AbcBench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
var abcDir = Path.Combine(options.Datasets, "abc");
var benchDir = FindBenchDir();
var nodeDir = Path.Combine(benchDir, "node");
var work = Directory.CreateTempSubdirectory("abcbench").FullName;
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var log = Console.Error;

try
{
    var tunes = await Corpus.LoadAsync(abcDir, cts.Token);
    if (tunes.Count == 0)
    {
        log.WriteLine($"no ABC tunes under {abcDir}");
        return 2;
    }
    var texts = tunes.Select(t => t.Text).ToList();
    var files = tunes.Select(t => t.SourcePath).Distinct(StringComparer.Ordinal).Count();
    log.WriteLine($"corpus: {tunes.Count:N0} tunes in {files:N0} files from {abcDir}");

    if (options.FuzzCase is { } single)
        return FuzzReplay.Run(new FuzzCaseGenerator(texts, options.Seed), single);

    log.WriteLine($"MusicPile parse+validate: warm-up + {options.Passes} passes ...");
    var (ours, verdicts) = OurParser.Measure(texts, options.Passes);
    var speed = new List<SpeedResult> { ours };
    var ratios = new Dictionary<string, double>(StringComparer.Ordinal);

    log.WriteLine($"abcjs parseOnly: warm-up + {options.Passes} passes in one Node process ...");
    if (await AbcjsParser.MeasureAsync(texts, nodeDir, work, options.Passes, cts.Token) is { } abcjs)
    {
        speed.Add(abcjs);
        ratios["musicpile/abcjs"] = ours.TunesPerSecond / abcjs.TunesPerSecond;
    }
    foreach (var tool in new[] { ProcessPerTuneTool.Abc2Midi, ProcessPerTuneTool.Abcm2ps })
    {
        log.WriteLine($"{tool.Name}: one process per tune on {Math.Min(options.Sample, texts.Count)} tunes ...");
        if (await tool.MeasureAsync(texts, options.Sample, work, cts.Token) is { } measured)
        {
            speed.Add(measured);
            ratios[$"musicpile/{tool.Executable}"] = ours.TunesPerSecond / measured.TunesPerSecond;
        }
    }

    FuzzReport? fuzz = null;
    if (options.FuzzCases > 0)
    {
        log.WriteLine($"fuzz: {options.FuzzCases:N0} cases, seed {options.Seed}, {options.FuzzWorkers} worker(s), hang limit {options.HangSeconds} s ...");
        var runner = new FuzzRunner(new FuzzCaseGenerator(texts, options.Seed), options.FuzzCases, options.FuzzWorkers, TimeSpan.FromSeconds(options.HangSeconds));
        var lastShown = 0;
        fuzz = runner.Run(options.Seed, done =>
        {
            if (done - lastShown < 10_000)
                return;
            lastShown = done - done % 10_000;
            log.WriteLine($"  fuzz: {lastShown:N0}/{options.FuzzCases:N0}");
        });
    }

    var agreement = await Agreement.CompareAsync(
        Path.Combine(abcDir, "baseline", "abc2midi_abcjs_abcm2ps_per_tune.tsv"), tunes, verdicts, cts.Token);

    var report = new BenchReport(
        DateTimeOffset.Now, MachineDescription(), options.Datasets, tunes.Count, files, verdicts.Sum(v => v.Tunes),
        speed, ratios, fuzz, agreement);
    if (options.Json)
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
    else
        ReportPrinter.Print(report, Console.Out);
    var failed = fuzz is { } f && (f.Exceptions.Count > 0 || f.Hangs.Count > 0);
    return failed ? 1 : 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static string MachineDescription() =>
    $"{Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}";

static string FindBenchDir()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "AbcBench.csproj")))
            return dir.FullName;
    }
    return Path.GetFullPath(Path.Combine("bench", "AbcBench"));
}
