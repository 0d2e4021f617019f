namespace MusicPile.Train.Tests;

/// <summary>
/// A plain double-precision LLaMA forward pass over named float arrays (HF names, Linear weights [out, in]),
/// written independently of TorchSharp to check the model's logits.
/// </summary>
internal sealed class ReferenceLlama(ReferenceConfig config, IReadOnlyDictionary<string, float[]> weights)
{
    public double[,] Logits(int[] tokens)
    {
        int t = tokens.Length, h = config.Hidden;
        var x = new double[t][];
        var embed = weights["model.embed_tokens.weight"];
        for (var p = 0; p < t; p++)
            x[p] = Enumerable.Range(0, h).Select(i => (double)embed[tokens[p] * h + i]).ToArray();
        for (var layer = 0; layer < config.Layers; layer++)
        {
            var prefix = $"model.layers.{layer}.";
            var normed = x.Select(v => RmsNorm(v, weights[prefix + "input_layernorm.weight"])).ToArray();
            var attention = Attention(normed, prefix + "self_attn.");
            for (var p = 0; p < t; p++) Add(x[p], attention[p]);
            for (var p = 0; p < t; p++)
            {
                var n2 = RmsNorm(x[p], weights[prefix + "post_attention_layernorm.weight"]);
                var gate = MatVec(prefix + "mlp.gate_proj.weight", n2, config.Intermediate);
                var up = MatVec(prefix + "mlp.up_proj.weight", n2, config.Intermediate);
                var act = gate.Select((g, i) => g / (1 + Math.Exp(-g)) * up[i]).ToArray();
                Add(x[p], MatVec(prefix + "mlp.down_proj.weight", act, h));
            }
        }
        var head = config.Tied ? "model.embed_tokens.weight" : "lm_head.weight";
        var logits = new double[t, config.Vocab];
        for (var p = 0; p < t; p++)
        {
            var final = RmsNorm(x[p], weights["model.norm.weight"]);
            var row = MatVec(head, final, config.Vocab);
            for (var v = 0; v < config.Vocab; v++) logits[p, v] = row[v];
        }
        return logits;
    }

    private double[][] Attention(double[][] input, string prefix)
    {
        int t = input.Length, heads = config.Heads, kvHeads = config.KvHeads, d = config.Hidden / heads;
        var q = input.Select(v => MatVec(prefix + "q_proj.weight", v, heads * d)).ToArray();
        var k = input.Select(v => MatVec(prefix + "k_proj.weight", v, kvHeads * d)).ToArray();
        var v = input.Select(v => MatVec(prefix + "v_proj.weight", v, kvHeads * d)).ToArray();
        for (var p = 0; p < t; p++)
        {
            for (var head = 0; head < heads; head++) Rotate(q[p], head * d, d, p);
            for (var head = 0; head < kvHeads; head++) Rotate(k[p], head * d, d, p);
        }
        var output = new double[t][];
        for (var p = 0; p < t; p++)
        {
            var merged = new double[heads * d];
            for (var head = 0; head < heads; head++)
            {
                var kvHead = head / (heads / kvHeads);
                var scores = new double[p + 1];
                for (var s = 0; s <= p; s++)
                {
                    double dot = 0;
                    for (var j = 0; j < d; j++) dot += q[p][head * d + j] * k[s][kvHead * d + j];
                    scores[s] = dot / Math.Sqrt(d);
                }
                var max = scores.Max();
                var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
                var total = exp.Sum();
                for (var s = 0; s <= p; s++)
                    for (var j = 0; j < d; j++)
                        merged[head * d + j] += exp[s] / total * v[s][kvHead * d + j];
            }
            output[p] = MatVec(prefix + "o_proj.weight", merged, config.Hidden);
        }
        return output;
    }

    private void Rotate(double[] vector, int offset, int d, int position)
    {
        var half = d / 2;
        for (var j = 0; j < half; j++)
        {
            var angle = position / Math.Pow(config.RopeTheta, 2.0 * j / d);
            double a = vector[offset + j], b = vector[offset + j + half];
            vector[offset + j] = a * Math.Cos(angle) - b * Math.Sin(angle);
            vector[offset + j + half] = b * Math.Cos(angle) + a * Math.Sin(angle);
        }
    }

    private double[] RmsNorm(double[] x, float[] weight)
    {
        var meanSquare = x.Sum(v => v * v) / x.Length;
        var scale = 1 / Math.Sqrt(meanSquare + config.Eps);
        return x.Select((v, i) => v * scale * weight[i]).ToArray();
    }

    private double[] MatVec(string name, double[] x, int rows)
    {
        var w = weights[name];
        var result = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            double sum = 0;
            for (var c = 0; c < x.Length; c++) sum += w[r * x.Length + c] * x[c];
            result[r] = sum;
        }
        return result;
    }

    private static void Add(double[] target, double[] delta)
    {
        for (var i = 0; i < target.Length; i++) target[i] += delta[i];
    }
}

internal sealed record ReferenceConfig(int Vocab, int Hidden, int Intermediate, int Layers, int Heads, int KvHeads, bool Tied, double Eps = 1e-5, double RopeTheta = 10000);
