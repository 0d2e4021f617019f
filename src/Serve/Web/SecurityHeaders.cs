using Microsoft.AspNetCore.Http;

namespace MusicPile.Serve.Web;

/// <summary>
/// Headers on every response: no content sniffing, no referrer, no framing, and a content security policy that lets
/// the page run only its own scripts (abcjs sets inline styles on the score, and fetches its sound fonts from the one
/// host it names, so those two are allowed).
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' data: blob:; font-src 'self'; connect-src 'self' https://paulrosen.github.io; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }
}
