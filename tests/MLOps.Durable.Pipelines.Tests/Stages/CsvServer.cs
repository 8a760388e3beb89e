using System.Net;
using System.Net.Sockets;

namespace MLOps.Durable.Pipelines.Tests.Stages;

/// <summary>Serves one file over HTTP on a free loopback port (a stand-in for a blob URL), 404 for anything else.</summary>
internal sealed class CsvServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _content;
    private readonly Task _loop;

    public CsvServer(string file)
    {
        _content = File.ReadAllBytes(file);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Root = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Root.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Root { get; }

    /// <summary>The URL the file is served at; <paramref name="query"/> stands in for a SAS token.</summary>
    public string Url(string query = "") => new Uri(Root, "data/file.csv" + query).ToString();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            if (context.Request.Url!.AbsolutePath == "/data/file.csv")
            {
                context.Response.ContentType = "text/csv";
                await context.Response.OutputStream.WriteAsync(_content);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }
}
