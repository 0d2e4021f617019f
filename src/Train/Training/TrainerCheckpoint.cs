using System.Text.Json;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>
/// Layout of a training checkpoint <c>step-{n}/</c>: the Hugging Face files (LoRA merged) plus
/// <c>trainer_state/</c> with <c>state.json</c>, <c>optimizer.safetensors</c> and, for LoRA runs,
/// <c>adapter.safetensors</c>. Written into a temporary sibling folder, flushed, then renamed.
/// </summary>
internal static class TrainerCheckpoint
{
    public const string StateFolder = "trainer_state";
    public const string StateFile = "state.json";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string AdapterFile = "adapter.safetensors";

    public static string Write(string outputDir, int step, LlamaForCausalLM model, AdamW optimizer, TrainerState state)
    {
        Directory.CreateDirectory(outputDir);
        var final = Path.Combine(outputDir, $"step-{step}");
        var temporary = Path.Combine(outputDir, $".step-{step}.tmp-{Guid.NewGuid():N}");
        try
        {
            HfCheckpoint.Save(model, temporary);
            var stateDir = Path.Combine(temporary, StateFolder);
            Directory.CreateDirectory(stateDir);
            WriteTensors(Path.Combine(stateDir, OptimizerFile), optimizer.StateTensors());
            if (model.Lora is not null)
            {
                using var scope = NewDisposeScope();
                var adapters = model.named_parameters()
                    .Where(p => LlamaForCausalLM.IsAdapterName(p.name))
                    .ToDictionary(p => p.name, p => p.parameter.detach().to(CPU));
                SafeTensorsWriter.Write(Path.Combine(stateDir, AdapterFile), adapters);
            }
            HfCheckpoint.WriteDurably(Path.Combine(stateDir, StateFile), JsonSerializer.Serialize(state, JsonOptions));
            if (Directory.Exists(final))
            {
                var stale = final + $".old-{Guid.NewGuid():N}";
                Directory.Move(final, stale);
                Directory.Delete(stale, recursive: true);
            }
            Directory.Move(temporary, final);
            return final;
        }
        catch
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    public static TrainerState ReadState(string checkpointDir)
    {
        var path = Path.Combine(checkpointDir, StateFolder, StateFile);
        if (!File.Exists(path))
            throw new TrainFormatException($"{checkpointDir}: no {StateFolder}/{StateFile}; not a training checkpoint");
        try
        {
            var state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path), JsonOptions)
                ?? throw new TrainFormatException($"{path}: empty trainer state");
            if (state.Version != TrainerState.CurrentVersion)
                throw new TrainFormatException($"{path}: trainer state version {state.Version}, expected {TrainerState.CurrentVersion}");
            return state;
        }
        catch (JsonException e)
        {
            throw new TrainFormatException($"{path}: malformed trainer state: {e.Message}", e);
        }
    }

    public static void RestoreOptimizer(string checkpointDir, AdamW optimizer, long optimizerSteps)
    {
        using var reader = SafeTensorsReader.Open(Path.Combine(checkpointDir, StateFolder, OptimizerFile));
        optimizer.LoadState(optimizerSteps, name => reader.Tensors.ContainsKey(name) ? reader.Read(name) : null);
    }

    public static void RestoreAdapters(string checkpointDir, LlamaForCausalLM model)
    {
        using var reader = SafeTensorsReader.Open(Path.Combine(checkpointDir, StateFolder, AdapterFile));
        using var guard = no_grad();
        foreach (var (name, parameter) in model.named_parameters().Where(p => LlamaForCausalLM.IsAdapterName(p.name)))
        {
            if (!reader.Tensors.ContainsKey(name))
                throw new TrainFormatException($"{checkpointDir}: adapter state lacks '{name}'");
            using var value = reader.Read(name);
            using var converted = value.to(parameter.dtype, parameter.device);
            parameter.copy_(converted);
        }
    }

    private static void WriteTensors(string path, Dictionary<string, Tensor> tensors)
    {
        try
        {
            SafeTensorsWriter.Write(path, tensors);
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }

    private static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true };
}
