using System.Diagnostics;

namespace MusicPile.Abc.Tests;

/// <summary>The abcmidi command-line tools (<c>abc2abc</c>, <c>abc2midi</c>) used as references, when installed.</summary>
internal static class ReferenceTools
{
    private static readonly string[] Folders = ["/usr/bin", "/usr/local/bin"];

    /// <summary>The tool's path, or the test is skipped (failed under CI) with the reason.</summary>
    public static string Require(string name)
    {
        var path = Folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
        Prerequisite.Require(path is not null, $"{name} is not installed (apt-get install -y abcmidi; ./test.sh does it)");
        return path!;
    }

    /// <summary>Runs the tool in a folder and returns what it printed on stdout as bytes.</summary>
    public static byte[] Run(string tool, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        using var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        stderr.Wait();
        return ms.ToArray();
    }
}
