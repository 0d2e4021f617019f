// dotnet run -c Release --project bench/ServeBench -- [tokens=512] [preset=tiny]
using System.Diagnostics;
using System.Globalization;
using MusicPile.Serve.Inference;
using MusicPile.Train;

var tokens = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 512;
var preset = args.Length > 1 ? args[1] : "tiny";
int[] prompt = [1, 17, 42, 99, 7, 311, 12, 5];
var config = TrainPresets.Load(preset) with { MaxPositionEmbeddings = Math.Max(2048, prompt.Length + tokens) };
using var model = new LlamaForCausalLM(config, seed: 1);
model.eval();

Console.WriteLine($"preset {preset}: {model.BaseParameterCount:N0} parameters, {Environment.ProcessorCount} cores, TorchSharp threads {TorchSharp.torch.get_num_threads()}");
Console.WriteLine($"greedy decoding of {tokens} tokens after an {prompt.Length}-token prompt");

// Warm both paths once so allocation and kernel selection are not timed.
Run(() => new CachedDecoder(model, prompt.Length + 16), 16);
Run(() => new UncachedDecoder(model), 16);

var (cachedSeconds, cachedIds) = Run(() => new CachedDecoder(model, prompt.Length + tokens), tokens);
var (fullSeconds, fullIds) = Run(() => new UncachedDecoder(model), tokens);
var agree = cachedIds.Zip(fullIds).TakeWhile(p => p.First == p.Second).Count();
Console.WriteLine($"with KV cache:    {tokens / cachedSeconds,9:F1} tokens/s ({cachedSeconds:F2} s)");
Console.WriteLine($"without KV cache: {tokens / fullSeconds,9:F1} tokens/s ({fullSeconds:F2} s)");
Console.WriteLine($"speed-up: {fullSeconds / cachedSeconds:F1}x; greedy outputs agree on {agree}/{tokens} tokens");

(double Seconds, int[] Ids) Run(Func<ITokenDecoder> create, int count)
{
    using var decoder = create();
    var ids = new int[count];
    var clock = Stopwatch.StartNew();
    var logits = decoder.Prefill(prompt);
    for (var i = 0; i < count; i++)
    {
        ids[i] = ArgMax(logits);
        if (i + 1 < count) logits = decoder.Next(ids[i]);
    }
    return (clock.Elapsed.TotalSeconds, ids);
}

static int ArgMax(float[] values)
{
    var best = 0;
    for (var i = 1; i < values.Length; i++)
        if (values[i] > values[best]) best = i;
    return best;
}
