using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicPile.Train.Tests;

[Collection("process memory")]
public sealed class ActivationCheckpointingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LossAndGradientsMatchWithoutCheckpointing(bool loraDropout)
    {
        var (plainLoss, plainGrads) = OneStep(checkpointing: false, loraDropout, batch: 2, seq: 64);
        var (checkpointLoss, checkpointGrads) = OneStep(checkpointing: true, loraDropout, batch: 2, seq: 64);
        Assert.Equal(plainLoss, checkpointLoss, 1e-5);
        Assert.Equal(plainGrads.Keys.Order(), checkpointGrads.Keys.Order());
        Assert.NotEmpty(plainGrads);
        foreach (var (name, grad) in plainGrads)
        {
            using var difference = (grad - checkpointGrads[name]).abs().max();
            Assert.True(difference.item<float>() <= 1e-5f, $"{name}: gradients differ by {difference.item<float>()}");
            Assert.True(grad.abs().max().item<float>() > 0, $"{name}: no gradient");
        }
    }

    [Fact]
    public void TrainerStepsMatchWithTheSettingOn()
    {
        var dir = TestPaths.NewTempDir("musicpile-checkpointing");
        var config = SyntheticCorpus.Config(dir, SyntheticCorpus.Write(dir, "abc")) with { TotalSteps = 3, WarmupSteps = 0, EvalInterval = 0 };
        using var plain = Trainer.Create(config with { OutputDir = Path.Combine(dir, "plain") });
        using var checkpointed = Trainer.Create(config with { OutputDir = Path.Combine(dir, "checkpointed"), ActivationCheckpointing = true });
        Assert.False(plain.Model.ActivationCheckpointing);
        Assert.True(checkpointed.Model.ActivationCheckpointing);
        for (var i = 0; i < 3; i++)
            Assert.Equal(plain.TrainStep().Loss!.Value, checkpointed.TrainStep().Loss!.Value, 1e-5);
    }

    [Fact]
    public void OnlyTrainingWithGradientsRecomputes()
    {
        using var model = new LlamaForCausalLM(TrainPresets.Tiny, seed: 3) { ActivationCheckpointing = true };
        using var ids = randint(0, TrainPresets.Tiny.VocabSize, [1, 16], dtype: ScalarType.Int64);
        model.eval();
        using var evalLogits = model.forward(ids);
        model.train();
        using var trainLogits = model.forward(ids);
        Assert.True(evalLogits.allclose(trainLogits, rtol: 0, atol: 1e-6));
        Assert.True(trainLogits.requires_grad);
    }

    [Fact]
    public void PeakMemoryIsLowerAtLongSequences()
    {
        if (!File.Exists("/proc/self/clear_refs"))
            return;
        var checkpointed = PeakGrowth(() => OneStep(checkpointing: true, loraDropout: false, batch: 4, seq: 1024));
        var plain = PeakGrowth(() => OneStep(checkpointing: false, loraDropout: false, batch: 4, seq: 1024));
        Assert.True(checkpointed < plain * 0.8, $"peak growth {checkpointed / 1e6:F0} MB with checkpointing, {plain / 1e6:F0} MB without");
    }

    private static (double Loss, Dictionary<string, Tensor> Grads) OneStep(bool checkpointing, bool loraDropout, int batch, int seq)
    {
        var config = TrainPresets.Tiny with { MaxPositionEmbeddings = Math.Max(seq, TrainPresets.Tiny.MaxPositionEmbeddings) };
        using var model = new LlamaForCausalLM(config, seed: 7);
        using var dropout = new Generator(0, CPU);
        dropout.manual_seed(11);
        if (loraDropout)
        {
            model.AddLora(new LoraOptions { Rank = 4, Alpha = 16, Dropout = 0.3 });
            using var init = new Generator(0, CPU);
            init.manual_seed(13);
            foreach (var (_, p) in model.named_parameters().Where(p => p.name.EndsWith("lora_B", StringComparison.Ordinal)))
                using (no_grad()) p.normal_(0, 0.02, init);
        }
        model.train();
        model.DropoutGenerator = dropout;
        model.ActivationCheckpointing = checkpointing;
        using var data = new Generator(0, CPU);
        data.manual_seed(5);
        using var ids = randint(0, config.VocabSize, [batch, seq + 1], dtype: ScalarType.Int64, generator: data);
        using var loss = model.Loss(ids.narrow(1, 0, seq), ids.narrow(1, 1, seq));
        loss.backward();
        var grads = model.named_parameters().Where(p => p.parameter.requires_grad)
            .ToDictionary(p => p.name, p => p.parameter.grad!.detach().clone().DetachFromDisposeScope());
        return (loss.item<float>(), grads);
    }

    /// <summary>Growth of the process's resident-set high-water mark over its level before <paramref name="run"/>.</summary>
    private static long PeakGrowth(Action run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _ = MallocTrim(0);
        File.WriteAllText("/proc/self/clear_refs", "5");
        var before = ResidentKb("VmHWM");
        run();
        return (ResidentKb("VmHWM") - before) * 1024;
    }

    private static long ResidentKb(string field) =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
