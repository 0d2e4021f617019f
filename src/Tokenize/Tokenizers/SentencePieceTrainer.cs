using System.Diagnostics;
using System.Globalization;

namespace MusicPile.Tokenize;

/// <summary>
/// Trains an own BPE SentencePiece model with Debian's <c>spm_train</c> (<c>apt-get install -y sentencepiece</c>).
/// Identity normalisation and byte fallback keep the model loadable by Microsoft.ML.Tokenizers without surprises.
/// </summary>
public static class SentencePieceTrainer
{
    /// <summary>
    /// Trains on <paramref name="textFile"/> (one sentence per line) and returns the path of
    /// <c>{outputDirectory}/spm.model</c>.
    /// </summary>
    public static async Task<string> TrainAsync(string textFile, int vocabSize, string outputDirectory, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(textFile))
            throw new FileNotFoundException("training text not found", textFile);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, 260);
        Directory.CreateDirectory(outputDirectory);
        var prefix = Path.Combine(outputDirectory, "spm");
        var start = new ProcessStartInfo("spm_train")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] args =
        [
            $"--input={textFile}",
            $"--model_prefix={prefix}",
            $"--vocab_size={vocabSize.ToString(CultureInfo.InvariantCulture)}",
            "--model_type=bpe",
            "--normalization_rule_name=identity",
            "--byte_fallback=true",
            "--split_digits=true",
            "--character_coverage=0.9999",
            "--remove_extra_whitespaces=false",
            "--allow_whitespace_only_pieces=true",
            $"--num_threads={Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)}",
            "--minloglevel=1",
        ];
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("could not start spm_train");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("spm_train not found: apt-get install -y sentencepiece", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"spm_train failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }
        return prefix + ".model";
    }
}
