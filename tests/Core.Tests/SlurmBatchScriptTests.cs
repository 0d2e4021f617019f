using System.Diagnostics;
using MusicPile.Core.Pipelines;

namespace MusicPile.Core.Tests;

/// <summary>What a pipeline author writes reaches the Slurm batch script as data, never as shell code or a path elsewhere.</summary>
public sealed class SlurmBatchScriptTests
{
    [Fact]
    public async Task Every_word_reaches_the_program_exactly_as_written()
    {
        var dir = TestPaths.NewTempDir();
        string[] hostile = ["it's", "$(touch pwned)", "`id`", "a\nb; touch pwned", "\"quoted\" \\ back", "*", "-n", "'", ""];
        var script = SlurmBatchScript.Write(dir, "ingest", 7, ["printf", "%s|", .. hostile, SlurmBatchScript.ArrayIndex]);
        var psi = new ProcessStartInfo("sh") { RedirectStandardOutput = true, WorkingDirectory = dir };
        psi.ArgumentList.Add(script);
        psi.Environment["SLURM_ARRAY_TASK_ID"] = "3";
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(string.Concat(hostile.Select(w => w + "|")) + "3|", output);
        Assert.False(File.Exists(Path.Combine(dir, "pwned")));
        Assert.Equal(Path.Combine(dir, "ingest.sh"), script);
    }

    [Theory]
    [InlineData("x\ntouch /tmp/pwned")]
    [InlineData("../../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("-rf")]
    [InlineData("name with space")]
    [InlineData("$(id)")]
    [InlineData("")]
    public void A_stage_name_that_is_not_one_plain_word_never_becomes_a_script(string name)
    {
        var dir = TestPaths.NewTempDir();
        var e = Assert.Throws<MusicPileException>(() => SlurmBatchScript.Write(dir, name, 1, ["true"]));
        Assert.True(e.IsUsage);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
        Assert.Throws<MusicPileException>(() => SlurmBatchScript.FileInside(dir, name, "-%A_%a.log"));
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("dedup-near_2.v1")]
    public void Plain_names_make_files_in_the_folder(string name)
    {
        var dir = TestPaths.NewTempDir();
        Assert.Equal(Path.Combine(dir, name + "-%A_%a.log"), SlurmBatchScript.FileInside(dir, name, "-%A_%a.log"));
        Assert.True(File.Exists(SlurmBatchScript.Write(dir, name, 1, ["true"])));
    }
}
