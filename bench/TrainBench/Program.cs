// dotnet run -c Release --project bench/TrainBench -- --preset all --steps 5 --rounds 3 --threads 2 [--python /usr/bin/python3|none]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MusicPile.Train;

var options = BenchOptions.Parse(args);
TorchSharp.torch.set_num_threads(options.Threads);
Console.WriteLine($"CPU training throughput, {options.Threads} threads, best of {options.Rounds} interleaved rounds of {options.Steps} steps after {options.WarmupSteps} warmup");
Console.WriteLine($"{"preset",-6} {"params",10} {"batch",5} {"seq",5} {"tok/s",10} {"MFU",7} {"loss",7}   {"torch tok/s",11} {"ratio",6}");
foreach (var preset in options.Presets)
{
    var model = TrainPresets.Load(preset);
    var (batch, seq) = preset == "tiny" ? (options.Batch ?? 16, options.Seq ?? 256) : (options.Batch ?? 2, options.Seq ?? 256);
    var dir = Path.Combine(Path.GetTempPath(), $"trainbench-{Guid.NewGuid():N}");
    Directory.CreateDirectory(dir);
    try
    {
        var trainPath = Path.Combine(dir, "train.bin");
        var random = new Random(1);
        TokenFileWriter.WriteNanoGpt(trainPath, Enumerable.Range(0, 200_000).Select(_ => (ushort)random.Next(model.VocabSize)).ToArray());
        var config = new TrainConfig
        {
            Model = model with { MaxPositionEmbeddings = Math.Max(model.MaxPositionEmbeddings, seq) },
            OutputDir = Path.Combine(dir, "run"),
            Sources = [DataSource.OfFiles("random", trainPath)],
            SeqLen = seq,
            MicroBatch = batch,
            WarmupSteps = 0,
            TotalSteps = options.Steps + options.WarmupSteps,
            Device = "cpu",
            Threads = options.Threads,
        };
        using var trainer = Trainer.Create(config with { TotalSteps = (options.Steps * options.Rounds) + options.WarmupSteps });
        for (var i = 0; i < options.WarmupSteps; i++) trainer.TrainStep();
        // Best of interleaved rounds: the machine may be shared, and contention only ever slows a round down.
        double tokensPerSecond = 0;
        double? torchRate = null;
        TrainProgress last = null!;
        for (var round = 0; round < options.Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < options.Steps; i++) last = trainer.TrainStep();
            tokensPerSecond = Math.Max(tokensPerSecond, (double)options.Steps * batch * seq / clock.Elapsed.TotalSeconds);
            if (options.Python is not null && RunPyTorch(options, config.Model!, batch, seq, dir) is { } rate)
                torchRate = Math.Max(torchRate ?? 0, rate);
        }
        var mfu = FlopsEstimate.PerToken(model, seq) * tokensPerSecond / (FlopsEstimate.CpuPeakPerThread * options.Threads);
        var ratio = torchRate is { } r ? (tokensPerSecond / r).ToString("F2", CultureInfo.InvariantCulture) : "-";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{preset,-6} {model.ParameterCount(),10:N0} {batch,5} {seq,5} {tokensPerSecond,10:F0} {mfu,7:P1} {last.Loss,7:F3}   {(torchRate is { } t ? t.ToString("F0", CultureInfo.InvariantCulture) : "n/a"),11} {ratio,6}"));
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

static double? RunPyTorch(BenchOptions options, LlamaConfig model, int batch, int seq, string dir)
{
    var configPath = Path.Combine(dir, "config.json");
    model.Save(configPath);
    var script = Path.Combine(AppContext.BaseDirectory, "torch_bench.py");
    var start = new ProcessStartInfo(options.Python!)
    {
        ArgumentList = { script, configPath, batch.ToString(CultureInfo.InvariantCulture), seq.ToString(CultureInfo.InvariantCulture),
            options.Steps.ToString(CultureInfo.InvariantCulture), options.WarmupSteps.ToString(CultureInfo.InvariantCulture), options.Threads.ToString(CultureInfo.InvariantCulture) },
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEnd();
    var stderr = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        Console.Error.WriteLine($"PyTorch side failed ({process.ExitCode}): {stderr.Trim()}");
        return null;
    }
    using var result = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
    return result.RootElement.GetProperty("tokens_per_second").GetDouble();
}

internal sealed record BenchOptions(IReadOnlyList<string> Presets, int Steps, int WarmupSteps, int Rounds, int Threads, int? Batch, int? Seq, string? Python)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int? Number(string name) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        var preset = Value("--preset") ?? "all";
        var python = Value("--python") ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : null);
        return new BenchOptions(
            preset == "all" ? TrainPresets.Names : [preset],
            Number("--steps") ?? 5,
            Number("--warmup") ?? 2,
            Number("--rounds") ?? 3,
            Number("--threads") ?? Environment.ProcessorCount,
            Number("--batch"),
            Number("--seq"),
            python == "none" ? null : python);
    }
}
