using Microsoft.Extensions.FileProviders;

namespace MLOps.Durable.Host.Dashboard;

/// <summary>
/// Serves the dashboard at <c>/</c>: plain HTML, CSS and JavaScript modules from <c>Dashboard/wwwroot</c>, embedded in
/// the host assembly so they are there whatever the content root and without a network. The files hold no data:
/// every view reads the key-protected <c>/api</c> routes with the function key the user signs in with.
/// </summary>
public static class DashboardFiles
{
    /// <summary>The one file the host writes: <c>{"apiBase": "/api"}</c>, since host.json may change the route prefix.</summary>
    public const string ConfigPath = "/dashboard.json";

    /// <summary>
    /// Only the dashboard's own files may run, style or be fetched; nothing inline. The views build the page with DOM
    /// calls and text nodes, and this policy stops anything that slipped through as markup from running.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string ResourcePrefix = "MLOps.Durable.Host.Dashboard.wwwroot";

    /// <summary>Adds the dashboard's files (index.html for <c>/</c>) and <see cref="ConfigPath"/> ahead of the routes.</summary>
    /// <param name="app">The host.</param>
    /// <param name="apiPrefix">The /api route prefix (<c>/api</c>, or empty when host.json clears it).</param>
    public static WebApplication UseDashboard(this WebApplication app, string apiPrefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = new EmbeddedFileProvider(typeof(DashboardFiles).Assembly, ResourcePrefix);
        app.Map(new PathString(ConfigPath), config => config.Run(context =>
        {
            AddHeaders(context.Response);
            return context.Response.WriteAsJsonAsync(new { apiBase = apiPrefix });
        }));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = file => AddHeaders(file.Context.Response) });
        return app;
    }

    private static void AddHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        // Revalidate every time (the ETag makes that cheap), so a new host version never meets an old script.
        response.Headers.CacheControl = "no-cache";
    }
}
