using System.Diagnostics;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MusicPile.Cli.Tests;

/// <summary>
/// A clone of the committed repository, built by <c>./musicpile</c> alone (no <c>./test.sh</c>, no setup script), has
/// the scripts its web page names: the build installs abcjs from the npm lock file and embeds it. Uncommitted files
/// are not in the clone, so this checks the committed state.
/// </summary>
public sealed partial class FreshCloneTests(ITestOutputHelper output)
{
    private const string Resources = "MusicPile.Serve.wwwroot/";

    [Fact]
    public async Task A_fresh_clone_built_by_musicpile_alone_has_the_abcjs_script_its_page_names()
    {
        var git = Prerequisite.Tool("git", "apt-get install -y git");
        Prerequisite.Tool("npm", "apt-get install -y nodejs npm");
        var root = TestPaths.NewTempDir("musicpile-clone");
        try
        {
            var clone = Path.Combine(root, "repo");
            await RunAsync(git, root, TimeSpan.FromMinutes(2), "clone", "--quiet", "--no-hardlinks", TestPaths.RepoRoot, clone);
            Assert.False(Directory.Exists(Path.Combine(clone, "src", "Serve", "web", "node_modules")));
            var sw = Stopwatch.StartNew();
            await RunAsync(Path.Combine(clone, "musicpile"), clone, TimeSpan.FromMinutes(20), "--help");
            output.WriteLine($"clone built in {sw.Elapsed.TotalSeconds:F0} s");

            var built = Path.Combine(clone, "artifacts", "cli");
            var page = Embedded(Path.Combine(built, "MusicPile.Serve.dll"));
            var scripts = ScriptSource().Matches(System.Text.Encoding.UTF8.GetString(page["index.html"])).Select(m => m.Groups["src"].Value.TrimStart('/')).ToList();
            Assert.Contains("vendor/abcjs-basic-min.js", scripts);
            Assert.All(scripts, s => Assert.True(page.ContainsKey(s), $"the page names {s}, which the build did not embed"));

            using var lockFile = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(clone, "src", "Serve", "web", "package-lock.json")));
            var version = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/abcjs").GetProperty("version").GetString();
            var abcjs = page["vendor/abcjs-basic-min.js"];
            Assert.StartsWith($"/*! abcjs_basic v{version} ", System.Text.Encoding.UTF8.GetString(abcjs, 0, 64), StringComparison.Ordinal);
            Assert.Equal(abcjs, await File.ReadAllBytesAsync(Path.Combine(built, "wwwroot", "vendor", "abcjs-basic-min.js")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The page's files embedded in a built MusicPile.Serve.dll, by path under wwwroot.</summary>
    private static Dictionary<string, byte[]> Embedded(string assemblyPath)
    {
        var context = new AssemblyLoadContext("fresh-clone", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(assemblyPath);
            return assembly.GetManifestResourceNames().Where(n => n.StartsWith(Resources, StringComparison.Ordinal)).ToDictionary(n => n[Resources.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            });
        }
        finally
        {
            context.Unload();
        }
    }

    private async Task RunAsync(string program, string workingDirectory, TimeSpan limit, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var name in new[] { "MUSICPILE_HOME", "MUSICPILE_DB" })
            psi.Environment.Remove(name);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }
        var text = (await stdout) + (await stderr);
        Assert.True(p.ExitCode == 0, $"{Path.GetFileName(program)} {string.Join(' ', args)} exited {p.ExitCode}: {text}");
        output.WriteLine(text.Length > 2000 ? text[^2000..] : text);
    }

    [GeneratedRegex("""<script\s+src="(?<src>[^"]+)"\s*>""")]
    private static partial Regex ScriptSource();
}
