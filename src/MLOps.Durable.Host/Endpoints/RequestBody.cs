using System.Globalization;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>
/// Reads a request body the one way every endpoint does: at most a byte limit (413 naming it, refused before
/// reading when Content-Length already says so), valid UTF-8, and for JSON at most <see cref="MaxDepth"/> levels of
/// nesting and one JSON value without repeated property names. Anything else is a 400 that names the line and byte
/// and says what the endpoint expected.
/// </summary>
public static partial class RequestBody
{
    /// <summary>How deep objects and arrays may nest in a request body.</summary>
    public const int MaxDepth = 32;

    /// <summary>The byte limit of a body unless the endpoint names another (1 MiB).</summary>
    public const int DefaultMaxBytes = 1 << 20;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>Web defaults, plus: a constructor parameter without a default must be present, and null only where the type allows it.</summary>
    private static readonly JsonSerializerOptions Binding = new(JsonSerializerOptions.Web)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        MaxDepth = MaxDepth,
    };

    /// <summary>The body's bytes (at most <paramref name="maxBytes"/>), or the 413 answer.</summary>
    public static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Error)> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes, request.ContentLength.Value.ToString("N0", CultureInfo.InvariantCulture) + " bytes"));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (default, TooLarge(maxBytes, "more than " + maxBytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes"));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }

    /// <summary>The body as UTF-8 text (a BOM is dropped), or the 413 / 400 answer naming the first bad byte.</summary>
    public static async Task<(string? Text, IResult? Error)> ReadTextAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (bytes, error) = await ReadBytesAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, error);
        }

        var span = bytes.Span;
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        return NotUtf8(span) is { } invalid ? (null, invalid) : (Encoding.UTF8.GetString(span), null);
    }

    /// <summary>Null when <paramref name="bytes"/> are valid UTF-8, else the 400 naming the first bad byte.</summary>
    private static IResult? NotUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        var (line, column) = FirstInvalidByte(bytes);
        return HttpProblems.Problem(
            StatusCodes.Status400BadRequest,
            "Request body is not UTF-8",
            string.Create(CultureInfo.InvariantCulture, $"line {line}, byte {column}: invalid UTF-8 byte sequence; send the body as UTF-8."));
    }

    /// <summary>
    /// The body as a document (the caller disposes it), <see cref="JsonBodyRead.IsEmpty"/> when there is none, or
    /// the error answer. <paramref name="expected"/> describes the body the endpoint takes, for the 400.
    /// </summary>
    public static async Task<JsonBodyRead> ReadJsonAsync(HttpRequest request, string expected, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes)
    {
        var (bytes, error) = await ReadBytesAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return new(null, error);
        }

        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new(null, null);
        }

        if (NotUtf8(bytes.Span) is { } invalid)
        {
            return new(null, invalid);
        }

        try
        {
            return new(JsonDocument.Parse(bytes, Options), null);
        }
        catch (JsonException ex)
        {
            return new(null, HttpProblems.Problem(StatusCodes.Status400BadRequest, "Request body is not valid JSON", $"{Where(ex)}{Reason(ex)}. {expected}"));
        }
    }

    /// <summary>
    /// The body bound to <typeparamref name="T"/> (camelCase, case-insensitive, required constructor parameters), or the error answer;
    /// a missing body is a 400 too.
    /// </summary>
    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, string expected, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes)
        where T : class
    {
        using var read = await ReadJsonAsync(request, expected, cancellationToken, maxBytes).ConfigureAwait(false);
        if (read.Error is not null)
        {
            return (null, read.Error);
        }

        if (read.Document is null)
        {
            return (null, HttpProblems.Problem(StatusCodes.Status400BadRequest, "Request body missing", expected));
        }

        try
        {
            return read.Document.Deserialize<T>(Binding) is { } value
                ? (value, null)
                : (null, HttpProblems.Problem(StatusCodes.Status400BadRequest, "Request body missing", "The body is null. " + expected));
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') + ": " : string.Empty;
            return (null, HttpProblems.Problem(StatusCodes.Status400BadRequest, "Request body has the wrong shape", $"{field}{Reason(ex)}. {expected}"));
        }
    }

    private static IResult TooLarge(int maxBytes, string size) =>
        HttpProblems.Problem(
            StatusCodes.Status413PayloadTooLarge,
            "Request body too large",
            string.Create(CultureInfo.InvariantCulture, $"The body has {size}; this endpoint takes at most {maxBytes:N0} bytes ({maxBytes / 1024.0 / 1024.0:0.##} MiB)."));

    /// <summary>1-based line and byte-in-line of the first byte that is not part of a valid UTF-8 sequence.</summary>
    private static (int Line, int Column) FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var valid = 0;
        while (valid < bytes.Length && Rune.DecodeFromUtf8(bytes[valid..], out _, out var consumed) == OperationStatus.Done)
        {
            valid += consumed;
        }

        var before = bytes[..valid];
        var line = before.Count((byte)'\n') + 1;
        var column = valid - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return (line, column);
    }

    private static string Where(JsonException ex) =>
        ex.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: ")
            : string.Empty;

    /// <summary>
    /// The exception's message without System.Text.Json's own position suffix (given by <see cref="Where"/>) and
    /// without .NET type names, which say nothing to a caller.
    /// </summary>
    private static string Reason(JsonException ex)
    {
        var message = MissingProperties().Replace(ex.Message, "missing required properties:");
        if (ConvertedTo().IsMatch(message))
        {
            return "the value has the wrong type";
        }

        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return message.TrimEnd(' ', '.', '|');
    }

    [GeneratedRegex(@"JSON deserialization for type '[^']+' was missing required properties including:")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("could not be converted to ")]
    private static partial Regex ConvertedTo();
}

/// <summary>What <see cref="RequestBody.ReadJsonAsync"/> found: a document, nothing, or the error to answer with.</summary>
public sealed class JsonBodyRead(JsonDocument? document, IResult? error) : IDisposable
{
    /// <summary>The parsed body; null when there was none or it was refused.</summary>
    public JsonDocument? Document { get; } = document;

    /// <summary>The answer to give instead (400 or 413); null when the body was usable or empty.</summary>
    public IResult? Error { get; } = error;

    /// <summary>True when the request carried no body (or only white space).</summary>
    public bool IsEmpty => Document is null && Error is null;

    public void Dispose() => Document?.Dispose();
}
