using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MLOps.Durable.LoadBench;

/// <summary>
/// The load client, run as its own process (<c>client</c> role): <c>connections</c> workers, each one keep-alive
/// connection sending POSTs back to back (closed loop, as wrk does), for a warm-up and then a measured duration.
/// Requests that complete inside the measured window count; it prints one JSON line, <see cref="LoadReport"/>.
/// </summary>
internal static class LoadClient
{
    private const int WarmingUp = 0;
    private const int Measuring = 1;
    private const int Stopped = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = ClientOptions.Parse(args);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var body = Encoding.UTF8.GetBytes(options.Body);
        var phase = WarmingUp;
        var workers = Enumerable.Range(0, options.Connections)
            .Select(_ => Task.Run(() => WorkAsync(http, options, body, () => Volatile.Read(ref phase))))
            .ToList();

        await Task.Delay(options.Warmup);
        var window = Stopwatch.StartNew();
        Volatile.Write(ref phase, Measuring);
        await Task.Delay(options.Duration);
        Volatile.Write(ref phase, Stopped);
        var measured = window.Elapsed;
        var tallies = await Task.WhenAll(workers);

        var latencies = tallies.SelectMany(t => t.Latencies).Order().ToArray();
        var statuses = tallies.SelectMany(t => t.Failures).GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        var report = new LoadReport(
            options.Connections,
            measured.TotalSeconds,
            latencies.Length,
            statuses.Values.Sum(),
            latencies.Length / measured.TotalSeconds,
            Percentiles.OfSortedTicks(latencies, 0.50, Stopwatch.Frequency),
            Percentiles.OfSortedTicks(latencies, 0.90, Stopwatch.Frequency),
            Percentiles.OfSortedTicks(latencies, 0.99, Stopwatch.Frequency),
            Percentiles.OfSortedTicks(latencies, 1.0, Stopwatch.Frequency),
            statuses,
            tallies.Select(t => t.FirstFailure).FirstOrDefault(f => f is not null));
        Console.WriteLine(JsonSerializer.Serialize(report, JsonSerializerOptions.Web));
        return 0;
    }

    private static async Task<Tally> WorkAsync(HttpClient http, ClientOptions options, byte[] body, Func<int> phase)
    {
        var tally = new Tally();
        while (phase() != Stopped)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (options.Key is not null)
            {
                request.Headers.Add("x-functions-key", options.Key);
            }

            var started = Stopwatch.GetTimestamp();
            string? failure;
            string? detail = null;
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                failure = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
                if (failure is not null)
                {
                    detail = await response.Content.ReadAsStringAsync();
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failure = ex.GetType().Name;
                detail = ex.Message;
            }

            var elapsed = Stopwatch.GetTimestamp() - started;
            if (phase() != Measuring)
            {
                continue;
            }

            if (failure is null)
            {
                tally.Latencies.Add(elapsed);
            }
            else
            {
                tally.Failures.Add(failure);
                tally.FirstFailure ??= $"{failure}: {detail}";
            }
        }

        return tally;
    }

    private sealed class Tally
    {
        public List<long> Latencies { get; } = new(64 * 1024);

        public List<string> Failures { get; } = [];

        public string? FirstFailure { get; set; }
    }

    private sealed record ClientOptions(Uri Url, string? Key, string Body, int Connections, TimeSpan Warmup, TimeSpan Duration)
    {
        public static ClientOptions Parse(string[] args)
        {
            string Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
                ?? throw new ArgumentException($"client: {name} is required.");
            string? Optional(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            double Seconds(string name) => double.Parse(Value(name), CultureInfo.InvariantCulture);
            return new ClientOptions(
                new Uri(Value("--url")),
                Optional("--key"),
                Value("--body"),
                int.Parse(Value("--connections"), CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(Seconds("--warmup")),
                TimeSpan.FromSeconds(Seconds("--duration")));
        }
    }
}
