using System.Text;

namespace MLOps.Durable.ML.Data;

/// <summary>
/// Decodes each invalid UTF-8 sequence as <see cref="Sentinel"/> and counts it, so the CSV reader can stop at the
/// exact line and column of the bad bytes (a throwing decoder fails a whole buffer ahead of the reader).
/// </summary>
internal sealed class Utf8SentinelFallback : DecoderFallback
{
    /// <summary>U+FFFF, a noncharacter that text files practically never hold.</summary>
    public const char Sentinel = '\uFFFF';

    /// <summary>How many invalid sequences were decoded so far.</summary>
    public int InvalidSequences { get; set; }

    /// <inheritdoc />
    public override int MaxCharCount => 1;

    /// <inheritdoc />
    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Utf8SentinelFallbackBuffer(this);
}
