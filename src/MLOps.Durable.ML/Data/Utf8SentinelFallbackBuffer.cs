using System.Text;

namespace MLOps.Durable.ML.Data;

/// <summary>Yields one <see cref="Utf8SentinelFallback.Sentinel"/> per invalid byte sequence.</summary>
internal sealed class Utf8SentinelFallbackBuffer(Utf8SentinelFallback owner) : DecoderFallbackBuffer
{
    private bool _pending;

    /// <inheritdoc />
    public override int Remaining => _pending ? 1 : 0;

    /// <inheritdoc />
    public override bool Fallback(byte[] bytesUnknown, int index)
    {
        owner.InvalidSequences++;
        _pending = true;
        return true;
    }

    /// <inheritdoc />
    public override char GetNextChar()
    {
        if (!_pending)
        {
            return '\0';
        }

        _pending = false;
        return Utf8SentinelFallback.Sentinel;
    }

    /// <inheritdoc />
    public override bool MovePrevious()
    {
        if (_pending)
        {
            return false;
        }

        _pending = true;
        return true;
    }

    /// <inheritdoc />
    public override void Reset() => _pending = false;
}
