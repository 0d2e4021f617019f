// musicpile serve --checkpoint runs/tiny/final --urls http://127.0.0.1:8080
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicPile.Serve.Api;
using MusicPile.Serve.Corpus;
using MusicPile.Serve.Generation;
using MusicPile.Serve.Metrics;
using MusicPile.Serve.Web;
using Npgsql;

namespace MusicPile.Serve;

/// <summary>
/// The serving process as a library: an ASP.NET Core app with the OpenAI-style completion API, ABC tools, metrics, the
/// corpus browser and the web page. The model loads in the background once the app starts.
/// </summary>
public static class ServeApp
{
    /// <summary>Builds the app (not started). <paramref name="configure"/> may adjust the builder, e.g. logging, before it is built.</summary>
    public static WebApplication Build(ServeOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(ServeApp).Assembly.GetName().Name, Args = [] });
        if (options.Urls is { } urls) builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<ModelHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelHost>());
        services.AddSingleton<ServeMetrics>();
        services.AddSingleton(_ => new GenerationQueue(options.Workers, options.QueueCapacity));
        services.AddSingleton<TextGenerator>();
        services.AddSingleton<CompletionParser>();
        if (!string.IsNullOrWhiteSpace(options.CatalogConnectionString))
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(options.CatalogConnectionString));
            services.AddSingleton<CorpusBrowser>();
        }
        configure?.Invoke(builder);
        var app = builder.Build();

        var metrics = app.Services.GetRequiredService<ServeMetrics>();
        var queue = app.Services.GetRequiredService<GenerationQueue>();
        var host = app.Services.GetRequiredService<ModelHost>();
        metrics.Gauges = () => (queue.Waiting, queue.Running, host.IsReady);
        app.UseRouting();
        app.Use((context, next) => ObserveAsync(context, next, metrics, app.Logger));
        ServiceEndpoints.Map(app);
        CompletionEndpoints.Map(app);
        AbcEndpoints.Map(app);
        CorpusEndpoints.Map(app);
        StaticAssets.Map(app);
        return app;
    }

    /// <summary>Builds and runs the app until <paramref name="cancellationToken"/> fires (what the <c>serve</c> verb calls).</summary>
    public static async Task RunAsync(ServeOptions options, CancellationToken cancellationToken = default)
    {
        await using var app = Build(options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var url in app.Urls) app.Logger.LogInformation("serving on {Url}", url);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutdown was asked for.
        }
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Counts every request by route and status and turns unexpected failures into JSON errors.</summary>
    private static async Task ObserveAsync(HttpContext context, RequestDelegate next, ServeMetrics metrics, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, e.StatusCode, e.Message, null, "bad_request").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            context.Items[MetricsKeys.ClientClosed] = true;
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            logger.LogError(e, "unhandled error on {Path}", context.Request.Path);
            await ApiErrors.WriteAsync(context, 500, "internal error: " + e.Message, null, "internal_error").ConfigureAwait(false);
        }
        finally
        {
            var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = context.Items.ContainsKey(MetricsKeys.ClientClosed) ? 499 : context.Response.StatusCode;
            metrics.RecordRequest(endpoint, status, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
