using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MusicPile.Train;

/// <summary>
/// AdamW with decoupled weight decay and two groups (decayed matrices; undecayed norms and biases).
/// Parameters held in a low-precision dtype are updated through float32 master copies.
/// Its whole state is named tensors plus the step count, so it saves and restores exactly.
/// </summary>
internal sealed class AdamW : IDisposable
{
    private readonly List<Slot> _slots;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _eps;
    private readonly double _weightDecay;

    public AdamW(IEnumerable<(string Name, Parameter Parameter, bool Decay)> parameters, double beta1, double beta2, double eps, double weightDecay)
    {
        _beta1 = beta1;
        _beta2 = beta2;
        _eps = eps;
        _weightDecay = weightDecay;
        using var guard = no_grad();
        _slots = parameters.Select(p => new Slot(
            p.Name,
            p.Parameter,
            p.Decay,
            zeros_like(p.Parameter, dtype: ScalarType.Float32),
            zeros_like(p.Parameter, dtype: ScalarType.Float32),
            p.Parameter.dtype == ScalarType.Float32 ? null : p.Parameter.detach().to(ScalarType.Float32).clone())).ToList();
    }

    public long StepCount { get; private set; }

    public IEnumerable<Parameter> Parameters => _slots.Select(s => s.Parameter);

    public void Step(double learningRate)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        StepCount++;
        var correction1 = 1 - Math.Pow(_beta1, StepCount);
        var correction2Root = Math.Sqrt(1 - Math.Pow(_beta2, StepCount));
        foreach (var slot in _slots)
        {
            var grad = slot.Parameter.grad;
            if (grad is null) continue;
            var g = grad.to(ScalarType.Float32);
            var weights = slot.Master ?? slot.Parameter;
            if (slot.Decay && _weightDecay > 0)
                weights.mul_(1 - learningRate * _weightDecay);
            slot.ExpAvg.mul_(_beta1).add_(g, alpha: 1 - _beta1);
            slot.ExpAvgSq.mul_(_beta2).addcmul_(g, g, value: 1 - _beta2);
            var denominator = (slot.ExpAvgSq.sqrt() / correction2Root).add_(_eps);
            weights.addcdiv_(slot.ExpAvg, denominator, value: -learningRate / correction1);
            if (slot.Master is not null)
                slot.Parameter.copy_(slot.Master);
        }
    }

    public void ZeroGrad()
    {
        foreach (var slot in _slots)
        {
            using var grad = slot.Parameter.grad;
            grad?.zero_();
        }
    }

    /// <summary>The state as CPU float32 tensors named <c>{param}.exp_avg</c>, <c>.exp_avg_sq</c>, <c>.master</c>; the caller disposes them.</summary>
    public Dictionary<string, Tensor> StateTensors()
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = NewDisposeScope();
        foreach (var slot in _slots)
        {
            state[slot.Name + ".exp_avg"] = slot.ExpAvg.to(CPU).clone().DetachFromDisposeScope();
            state[slot.Name + ".exp_avg_sq"] = slot.ExpAvgSq.to(CPU).clone().DetachFromDisposeScope();
            if (slot.Master is not null) state[slot.Name + ".master"] = slot.Master.to(CPU).clone().DetachFromDisposeScope();
        }
        return state;
    }

    public void LoadState(long stepCount, Func<string, Tensor?> read)
    {
        using var guard = no_grad();
        StepCount = stepCount;
        foreach (var slot in _slots)
        {
            Copy(read(slot.Name + ".exp_avg"), slot.ExpAvg, slot.Name);
            Copy(read(slot.Name + ".exp_avg_sq"), slot.ExpAvgSq, slot.Name);
            if (slot.Master is not null)
            {
                Copy(read(slot.Name + ".master"), slot.Master, slot.Name);
                slot.Parameter.copy_(slot.Master);
            }
        }
    }

    public void Dispose()
    {
        foreach (var slot in _slots)
        {
            slot.ExpAvg.Dispose();
            slot.ExpAvgSq.Dispose();
            slot.Master?.Dispose();
        }
    }

    private static void Copy(Tensor? source, Tensor target, string name)
    {
        if (source is null) throw new TrainFormatException($"optimizer state lacks tensors for '{name}'");
        using (source)
        {
            if (!source.shape.SequenceEqual(target.shape))
                throw new TrainFormatException($"optimizer state for '{name}' has the wrong shape");
            target.copy_(source);
        }
    }

    private sealed record Slot(string Name, Parameter Parameter, bool Decay, Tensor ExpAvg, Tensor ExpAvgSq, Tensor? Master);
}
