using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace MusicPile.Tokenize;

/// <summary>
/// The LLaMA-2 vocabulary as carried by the npm package llama-tokenizer-js 1.2.2, turned into a SentencePiece
/// <c>tokenizer.model</c> once per machine and kept in the tokenizer cache (the vocabulary is not in the repository).
/// </summary>
public static class Llama2Package
{
    /// <summary>The npm package pinned for the vocabulary.</summary>
    public const string NpmSpec = "llama-tokenizer-js@1.2.2";

    /// <summary>File name of the package tarball that <c>npm pack</c> writes.</summary>
    public const string TarballName = "llama-tokenizer-js-1.2.2.tgz";

    /// <summary>sha256 of the registry tarball; a tarball with another hash is refused.</summary>
    public const string TarballSha256 = "ee83014ac8b379b16cf8d81e99ffcdb23dfade8c0d2e751bd06e7dc0b8476e72";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The folder holding the tarball, the extracted script and the model: <c>{cache}/llama2</c>.</summary>
    public static string DirectoryIn(string? cacheDirectory) => Path.Combine(cacheDirectory ?? TokenizerCache.DefaultDirectory, "llama2");

    /// <summary>
    /// Path of <c>tokenizer.model</c>, building it first when absent: a tarball already in the folder is used,
    /// else <c>npm pack</c> fetches it.
    /// </summary>
    public static async Task<string> EnsureModelAsync(string? cacheDirectory = null, CancellationToken cancellationToken = default)
    {
        var dir = DirectoryIn(cacheDirectory);
        var model = Path.Combine(dir, "tokenizer.model");
        if (File.Exists(model))
            return model;
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(model))
                return model;
            var script = await EnsureScriptAsync(dir, cancellationToken).ConfigureAwait(false);
            var vocabulary = BpeVocabulary.FromLlamaTokenizerJs(await File.ReadAllTextAsync(script, cancellationToken).ConfigureAwait(false));
            await WriteAtomicallyAsync(model, SentencePieceModelWriter.Serialize(vocabulary), cancellationToken).ConfigureAwait(false);
            return model;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The vocabulary and merges, fetching the package if needed.</summary>
    public static async Task<BpeVocabulary> LoadVocabularyAsync(string? cacheDirectory = null, CancellationToken cancellationToken = default)
    {
        var script = await EnsureScriptAsync(DirectoryIn(cacheDirectory), cancellationToken).ConfigureAwait(false);
        return BpeVocabulary.FromLlamaTokenizerJs(await File.ReadAllTextAsync(script, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Path of the package's <c>llama-tokenizer.js</c> (which also holds its reference test cases).</summary>
    public static async Task<string> EnsureScriptAsync(string directory, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(directory, "llama-tokenizer.js");
        if (File.Exists(script))
            return script;
        Directory.CreateDirectory(directory);
        var tarball = Path.Combine(directory, TarballName);
        if (!File.Exists(tarball))
            await NpmPackAsync(directory, cancellationToken).ConfigureAwait(false);
        var bytes = await File.ReadAllBytesAsync(tarball, cancellationToken).ConfigureAwait(false);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (hash != TarballSha256)
            throw new InvalidDataException($"{tarball} has sha256 {hash}, expected {TarballSha256}");

        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(copyData: true, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.Name != "package/llama-tokenizer.js" || entry.DataStream is null)
                continue;
            using var content = new MemoryStream();
            await entry.DataStream.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
            await WriteAtomicallyAsync(script, content.ToArray(), cancellationToken).ConfigureAwait(false);
            return script;
        }
        throw new InvalidDataException($"{tarball} has no package/llama-tokenizer.js");
    }

    private static async Task NpmPackAsync(string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "pack", NpmSpec, "--silent", "--pack-destination", directory })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start npm");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"npm pack {NpmSpec} failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
