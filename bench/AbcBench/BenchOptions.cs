using System.Globalization;

namespace AbcBench;

/// <summary>Command-line options; every default is the one the README figures were measured with.</summary>
internal sealed record BenchOptions
{
    /// <summary>Datasets folder holding <c>abc/</c>. Default: first argument, else <c>MUSICPILE_DATASETS</c>, else <c>../shared/datasets</c>.</summary>
    public string Datasets { get; init; } = Environment.GetEnvironmentVariable("MUSICPILE_DATASETS") ?? Path.GetFullPath("../shared/datasets");

    /// <summary>Print one JSON object on stdout instead of tables (progress still goes to stderr). Default false.</summary>
    public bool Json { get; init; }

    /// <summary>Timed passes over the corpus for MusicPile and abcjs, after one warm-up pass. Default 5.</summary>
    public int Passes { get; init; } = 5;

    /// <summary>Tunes run through the process-per-tune tools (abc2midi, abcm2ps), evenly spaced. Default 500.</summary>
    public int Sample { get; init; } = 500;

    /// <summary>Fuzz cases. Default 100,000.</summary>
    public int FuzzCases { get; init; } = 100_000;

    /// <summary>Fuzz seed. Default 2101.</summary>
    public int Seed { get; init; } = 2101;

    /// <summary>Fuzz worker threads. Default 1, so cases/s is a single-thread figure.</summary>
    public int FuzzWorkers { get; init; } = 1;

    /// <summary>Seconds after which a fuzz case counts as a hang and is abandoned. Default 10 (cases over 1 s are reported as slow).</summary>
    public double HangSeconds { get; init; } = 10;

    /// <summary>When set, regenerate this one fuzz case, write its input to <c>abcbench-fuzz-case-N.abc</c> in the temp folder and run it; nothing else. Default none.</summary>
    public int? FuzzCase { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--json" => options with { Json = true },
                "--passes" => options with { Passes = NextInt() },
                "--sample" => options with { Sample = NextInt() },
                "--fuzz-cases" => options with { FuzzCases = NextInt() },
                "--seed" => options with { Seed = NextInt() },
                "--fuzz-workers" => options with { FuzzWorkers = NextInt() },
                "--hang-seconds" => options with { HangSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--fuzz-case" => options with { FuzzCase = NextInt() },
                var a when !a.StartsWith("--", StringComparison.Ordinal) => options with { Datasets = a },
                var a => throw new ArgumentException($"unknown option {a}"),
            };
        }
        return options.Validate();
    }

    public BenchOptions Validate()
    {
        if (Passes < 1 || Sample < 1 || FuzzCases < 0 || FuzzWorkers < 1 || HangSeconds <= 1)
            throw new ArgumentException("--passes, --sample, --fuzz-workers must be >= 1, --fuzz-cases >= 0, --hang-seconds > 1");
        return this;
    }
}
