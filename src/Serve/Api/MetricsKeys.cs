namespace MusicPile.Serve.Api;

/// <summary>Keys of <c>HttpContext.Items</c> that handlers set for the metrics middleware.</summary>
internal static class MetricsKeys
{
    /// <summary>Set when the client disconnected before the answer was complete (counted as status 499).</summary>
    public const string ClientClosed = "musicpile.client_closed";
}
