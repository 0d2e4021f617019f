namespace MusicPile.Testing;

/// <summary>
/// Something a test needs from outside the repository: a shared dataset or an installed tool. On a developer's machine
/// a missing one skips the test with the reason; under CI (the <c>CI</c> environment variable set, as CI runs with
/// <c>CI=true</c>) it fails the test, so a broken install step cannot turn a suite green by skipping.
/// </summary>
internal static class Prerequisite
{
    /// <summary>True when the <c>CI</c> environment variable is set to anything but <c>false</c> or <c>0</c>.</summary>
    public static bool UnderCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci
        && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";

    /// <summary>Skips (or, under CI, fails) the test with <paramref name="reason"/> unless <paramref name="present"/>.</summary>
    public static void Require(bool present, string reason)
    {
        if (present)
            return;
        if (UnderCi)
            Assert.Fail($"{reason} (CI is set: a missing prerequisite fails the test instead of skipping it)");
        Assert.Skip(reason);
    }

    /// <summary>The full path of <paramref name="program"/> on <c>PATH</c>, or the test is skipped (failed under CI) with the install hint.</summary>
    public static string Tool(string program, string installHint)
    {
        var path = FindOnPath(program);
        Require(path is not null, $"{program} is not installed ({installHint})");
        return path!;
    }

    /// <summary>The full path of <paramref name="program"/> on <c>PATH</c>, or null.</summary>
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
