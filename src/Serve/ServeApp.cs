// musicpile serve --checkpoint runs/tiny/final --urls http://127.0.0.1:8080
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    /// <summary>How long a stop waits for requests in flight before it cancels them.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Builds the app (not started). <paramref name="configure"/> may adjust the builder, e.g. logging, before it is
    /// built. <paramref name="catalog"/>, when given, is the corpus browser's database (owned by the caller); else
    /// <see cref="ServeOptions.CatalogConnectionString"/> is used.
    /// </summary>
    public static WebApplication Build(ServeOptions options, Action<WebApplicationBuilder>? configure = null, NpgsqlDataSource? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(ServeApp).Assembly.GetName().Name, Args = [] });
        if (options.Urls is { } urls) builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        var services = builder.Services;
        services.Configure<HostFilteringOptions>(o => o.AllowedHosts = [.. options.AllowedHosts ?? HostNames.For(options.Urls)]);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownGrace);
        services.AddSingleton(options);
        services.AddSingleton<ModelHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelHost>());
        services.AddSingleton<ServeMetrics>();
        services.AddSingleton(_ => new GenerationQueue(options.Workers, options.QueueCapacity));
        services.AddSingleton<TextGenerator>();
        services.AddSingleton<CompletionParser>();
        if (catalog is not null)
        {
            services.AddSingleton(catalog);
            services.AddSingleton<CorpusBrowser>();
        }
        else if (!string.IsNullOrWhiteSpace(options.CatalogConnectionString))
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
        app.UseHostFiltering();
        app.UseRouting();
        app.Use((context, next) => ObserveAsync(context, next, metrics, app.Logger));
        ServiceEndpoints.Map(app);
        CompletionEndpoints.Map(app);
        AbcEndpoints.Map(app);
        CorpusEndpoints.Map(app);
        StaticAssets.Map(app);
        return app;
    }

    /// <summary>
    /// Builds and runs the app until <paramref name="cancellationToken"/> fires or the host is told to stop (SIGTERM,
    /// SIGINT), then stops it: no new requests, those in flight get <see cref="ShutdownGrace"/> to finish and are then
    /// cancelled (streams end at once, their generations cancelled). What the <c>serve</c> verb calls.
    /// </summary>
    public static async Task RunAsync(ServeOptions options, CancellationToken cancellationToken = default, NpgsqlDataSource? catalog = null)
    {
        await using var app = Build(options, catalog: catalog);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var url in app.Urls) app.Logger.LogInformation("serving on {Url}", url);
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutdown was asked for.
            }
        }
        app.Logger.LogInformation("stopping: requests in flight get {Seconds}s", ShutdownGrace.TotalSeconds);
        using var grace = new CancellationTokenSource(ShutdownGrace);
        await app.StopAsync(grace.Token).ConfigureAwait(false);
        app.Logger.LogInformation("stopped");
    }

    /// <summary>Counts every request by route and status and turns unexpected failures into JSON errors.</summary>
    private static async Task ObserveAsync(HttpContext context, RequestDelegate next, ServeMetrics metrics, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        SecurityHeaders.Apply(context.Response);
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
            // The details stay in the log: an exception's text can name files, settings or data.
            logger.LogError(e, "unhandled error on {Path}", context.Request.Path);
            await ApiErrors.WriteAsync(context, 500, "internal error (details are in the server log)", null, "internal_error").ConfigureAwait(false);
        }
        finally
        {
            var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = context.Items.ContainsKey(MetricsKeys.ClientClosed) ? 499 : context.Response.StatusCode;
            metrics.RecordRequest(endpoint, status, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
