// dotnet run -c Release --project bench/TrainBench -- --preset all --steps 5 --rounds 3 --threads 2 [--python /usr/bin/python3|none]
// GPU: --device cuda --dtype bf16 [--save DIR --vocab 50304 --tokenizer tiktoken:gpt2]; --check-cuda only checks that CUDA is usable.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MusicPile.Train;

if (args.Contains("--check-cuda"))
    return CudaCheck.Run();
var options = BenchOptions.Parse(args);
TorchSharp.torch.set_num_threads(options.Threads);
var cudaRun = options.Device == "cuda";
var peakFlops = options.PeakFlops ?? (cudaRun ? FlopsEstimate.CudaH100Bf16Peak : FlopsEstimate.CpuPeakPerThread * options.Threads);
Console.WriteLine($"{options.Device} training throughput ({options.DType}{(options.Checkpointing ? ", activation checkpointing" : "")}), {options.Threads} threads, "
    + $"best of {options.Rounds} interleaved rounds of {options.Steps} steps after {options.WarmupSteps} warmup");
Console.WriteLine($"{"preset",-6} {"params",11} {"batch",5} {"seq",5} {"tok/s",10} {"MFU",7} {"loss",7} {"peak RSS",9}   {"torch tok/s",11} {"ratio",6}");
foreach (var preset in options.Presets)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    PeakMemory.Reset();
    var model = TrainPresets.Load(preset);
    if (options.Vocab is { } vocab)
        model = model with { VocabSize = vocab };
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
            Device = ComputeTarget.ParseDevice(options.Device),
            DType = options.DType,
            Threads = options.Threads,
            ActivationCheckpointing = options.Checkpointing,
            CheckpointInterval = 0,
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
            if (options.Python is not null && !cudaRun && RunPyTorch(options, config.Model!, batch, seq, dir) is { } rate)
                torchRate = Math.Max(torchRate ?? 0, rate);
        }
        var mfu = FlopsEstimate.PerToken(model, seq) * tokensPerSecond / peakFlops;
        var ratio = torchRate is { } r ? (tokensPerSecond / r).ToString("F2", CultureInfo.InvariantCulture) : "-";
        var peak = PeakMemory.PeakMiB() is { } mib ? mib.ToString("F0", CultureInfo.InvariantCulture) + " MiB" : "n/a";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{preset,-6} {model.ParameterCount(),11:N0} {batch,5} {seq,5} {tokensPerSecond,10:F0} {mfu,7:P1} {last.Loss,7:F3} {peak,9}   {(torchRate is { } t ? t.ToString("F0", CultureInfo.InvariantCulture) : "n/a"),11} {ratio,6}"));
        if (options.Save is { } save)
        {
            var step = trainer.SaveCheckpoint();
            var target = Path.GetFullPath(Path.Combine(save, preset));
            if (Directory.Exists(target))
                Directory.Delete(target, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(step, target);
            if (options.Tokenizer is { } tokenizer)
                new CheckpointMetadata { Tokenizer = tokenizer }.Save(target);
            Console.WriteLine($"checkpoint: {target}");
        }
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

return 0;

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
    public string Device { get; init; } = "cpu";

    public string DType { get; init; } = "auto";

    public bool Checkpointing { get; init; }

    public double? PeakFlops { get; init; }

    public int? Vocab { get; init; }

    public string? Save { get; init; }

    public string? Tokenizer { get; init; }

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
            python == "none" ? null : python)
        {
            Device = Value("--device") ?? "cpu",
            DType = Value("--dtype") ?? "auto",
            Checkpointing = args.Contains("--checkpointing"),
            PeakFlops = Value("--peak-flops") is { } f ? double.Parse(f, CultureInfo.InvariantCulture) : null,
            Vocab = Number("--vocab"),
            Save = Value("--save"),
            Tokenizer = Value("--tokenizer"),
        };
    }
}
