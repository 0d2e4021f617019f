namespace MusicPile.Serve.Api;

/// <summary>A request the API refuses, with the HTTP status and the OpenAI-style error fields to answer with.</summary>
internal sealed class ApiException(int status, string message, string? param = null, string? code = null) : Exception(message)
{
    public int Status { get; } = status;

    public string? Param { get; } = param;

    public string? Code { get; } = code;

    public static ApiException Invalid(string message, string? param = null) => new(400, message, param, "invalid_value");
}
