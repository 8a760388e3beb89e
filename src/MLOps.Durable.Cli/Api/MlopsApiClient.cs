using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLOps.Durable.Cli.Api;

/// <summary>
/// The host's <c>/api</c> routes over HTTP with the function key in the <c>x-functions-key</c> header (never in the
/// URL, so it stays out of messages and proxy logs). Answers come back as JSON; failures as <see cref="CliException"/>.
/// </summary>
internal sealed class MlopsApiClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(100);

    private readonly HttpClient _http;
    private readonly HostConnection _connection;

    public MlopsApiClient(HostConnection connection)
    {
        _connection = connection;
        _http = new HttpClient { BaseAddress = connection.Host, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("mlops-cli", typeof(MlopsApiClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        if (connection.Key is { } key)
        {
            _http.DefaultRequestHeaders.Add("x-functions-key", key);
        }
    }

    public HostConnection Connection => _connection;

    /// <summary><c>api/</c> + the segments, each escaped, + the query parameters that have a value.</summary>
    public static string Path(IEnumerable<string> segments, params (string Name, string? Value)[] query)
    {
        var path = "api/" + string.Join('/', segments.Select(Uri.EscapeDataString));
        var parameters = query.Where(q => q.Value is not null).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}").ToList();
        return parameters.Count == 0 ? path : path + "?" + string.Join('&', parameters);
    }

    public Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonNode?> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return SendAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            var url = new Uri(_connection.Host, request.RequestUri!);
            HttpResponseMessage response;
            string body;
            try
            {
                response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw ApiErrors.Unreachable(_connection, ex);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw ApiErrors.TimedOut(url, Timeout);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw ApiErrors.Status(response.StatusCode, url, body, _connection.Key is not null);
                }

                try
                {
                    return body.Length == 0 ? null : JsonNode.Parse(body);
                }
                catch (JsonException ex)
                {
                    throw new CliException($"{(int)response.StatusCode} from {url.GetLeftPart(UriPartial.Path)} is not JSON ({ex.Message}); is --host the MLOps host?", ExitCodes.Failed, ex);
                }
            }
        }
    }
}
