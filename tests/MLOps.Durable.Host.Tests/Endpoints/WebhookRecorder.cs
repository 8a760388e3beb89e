using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>A webhook subscriber on a free loopback port that keeps every CloudEvent posted to it.</summary>
public sealed class WebhookRecorder : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookRecorder()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ListenAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<JsonObject> Received { get; } = new();

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

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                if (JsonNode.Parse(await reader.ReadToEndAsync()) is JsonObject received)
                {
                    Received.Enqueue(received);
                }
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
