using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MusicPile.Serve.Api;

/// <summary>Writes errors in OpenAI's shape: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
internal static class ApiErrors
{
    public static IResult Result(int status, string message, string? param = null, string? code = null) =>
        Results.Json(Body(status, message, param, code), statusCode: status);

    public static IResult Result(ApiException e) => Result(e.Status, e.Message, e.Param, e.Code);

    public static JsonObject Body(int status, string message, string? param, string? code) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = status switch
            {
                401 or 403 => "authentication_error",
                404 => "not_found_error",
                429 => "rate_limit_error",
                >= 500 => "server_error",
                _ => "invalid_request_error",
            },
            ["param"] = param,
            ["code"] = code,
        },
    };

    public static Task WriteAsync(HttpContext context, int status, string message, string? param = null, string? code = null)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Body(status, message, param, code), context.RequestAborted);
    }
}
