using System.Globalization;

/// <summary>
/// The process's resident-set high-water mark (<c>VmHWM</c> in <c>/proc/self/status</c>), which
/// <see cref="Reset"/> brings down to the current resident set (Linux 4.0+), so each preset's peak is its own.
/// </summary>
internal static class PeakMemory
{
    /// <summary>Whether this system reports and resets the high-water mark.</summary>
    public static bool Available => File.Exists("/proc/self/status") && File.Exists("/proc/self/clear_refs");

    /// <summary>Sets the high-water mark to the current resident set.</summary>
    public static void Reset()
    {
        if (Available)
            File.WriteAllText("/proc/self/clear_refs", "5");
    }

    /// <summary>The high-water mark in MiB since the last <see cref="Reset"/>, or null where it is not reported.</summary>
    public static double? PeakMiB() =>
        Available
            ? long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0
            : null;
}
