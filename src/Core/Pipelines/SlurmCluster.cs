using System.Globalization;
using System.Diagnostics;

namespace MusicPile.Core.Pipelines;

/// <summary>The Slurm client programs the executor uses: <c>sbatch</c> to submit and <c>squeue</c> to watch.</summary>
internal static class SlurmCluster
{
    /// <summary>A job to submit: its batch script, name, log file pattern, array indices and dependency.</summary>
    public sealed record Job(string Script, string Name, string LogPattern, string? Array, string? AfterOk, string? Partition,
        IReadOnlyDictionary<string, string> Environment);

    public static async Task<string> SubmitAsync(Job job, CancellationToken ct)
    {
        var args = new List<string> { "--parsable", "--job-name=" + job.Name, "--output=" + job.LogPattern, "--kill-on-invalid-dep=yes" };
        if (job.Array is not null)
            args.Add("--array=" + job.Array);
        if (job.AfterOk is not null)
            args.Add("--dependency=afterok:" + job.AfterOk);
        if (job.Partition is not null)
            args.Add("--partition=" + job.Partition);
        args.Add(job.Script);
        Result r;
        try
        {
            r = await RunAsync("sbatch", args, job.Environment, ct).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MusicPileException($"sbatch not found ({e.Message}): install Slurm's client tools (apt-get install slurm-client) or use --executor local");
        }
        if (r.ExitCode != 0)
            throw new MusicPileException($"sbatch refused job {job.Name}: {r.Output}");
        // --parsable prints "jobid" or "jobid;cluster".
        var id = r.StdOut.Trim().Split(';')[0];
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new MusicPileException($"sbatch printed no job id for {job.Name}: {r.Output}");
        return id;
    }

    /// <summary>Ids of the jobs with this name still pending or running (array elements count once per element).</summary>
    public static async Task<IReadOnlyList<string>> QueuedAsync(string jobName, CancellationToken ct)
    {
        Result r;
        try
        {
            r = await RunAsync("squeue", ["-h", "--name=" + jobName, "-o", "%i %t"], null, ct).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MusicPileException($"squeue not found ({e.Message}): install Slurm's client tools");
        }
        if (r.ExitCode != 0)
            throw new MusicPileException($"squeue failed: {r.Output}");
        return r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    /// <summary>Array indices as Slurm spells them: runs of consecutive numbers become ranges, e.g. <c>0-3,7,9-10</c>.</summary>
    public static string IndexList(IEnumerable<int> indices)
    {
        var sorted = indices.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
                j++;
            parts.Add(i == j ? Num(sorted[i]) : $"{Num(sorted[i])}-{Num(sorted[j])}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    private sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string Output => (StdOut + "\n" + StdErr).Trim();
    }

    private static async Task<Result> RunAsync(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new MusicPileException($"could not start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct).ConfigureAwait(false);
        return new Result(p.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
