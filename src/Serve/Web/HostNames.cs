using System.Net;
using System.Net.NetworkInformation;

namespace MusicPile.Serve.Web;

/// <summary>
/// The host names a request may name (its <c>Host</c> header), so that a web page on another site cannot reach the
/// server through a DNS name rebound to this machine: localhost, and the addresses the server listens on (every local
/// address and the machine's name when it listens on all of them).
/// </summary>
internal static class HostNames
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]", "::1"];

    /// <summary>The allowed hosts for listen addresses like <c>http://127.0.0.1:8080;http://0.0.0.0:9000</c>.</summary>
    public static IReadOnlyList<string> For(string? urls)
    {
        var hosts = new List<string>(Loopback);
        var everywhere = string.IsNullOrWhiteSpace(urls);
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = HostOf(url);
            if (host is "*" or "+" or "0.0.0.0" or "[::]" or "::")
                everywhere = true;
            else if (host.Length > 0)
                hosts.Add(host);
        }
        if (everywhere)
            hosts.AddRange(LocalNames());
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string HostOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? url : url[(start + 3)..];
        var end = rest.StartsWith('[') ? rest.IndexOf(']', StringComparison.Ordinal) + 1 : rest.IndexOfAny([':', '/']);
        return end <= 0 ? rest : rest[..end];
    }

    private static IEnumerable<string> LocalNames()
    {
        yield return Dns.GetHostName();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var address in nic.GetIPProperties().UnicastAddresses)
            {
                var ip = address.Address;
                if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                {
                    ip = new IPAddress(ip.GetAddressBytes());
                    yield return "[" + ip + "]";
                }
                else
                    yield return ip.ToString();
            }
        }
    }
}
