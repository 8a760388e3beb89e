namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>
/// Sorts floats ascending with NaNs first (the order <see cref="Array.Sort(Array)"/> gives) by an LSD radix
/// sort on order-preserving 32-bit keys. Binning sorts every feature of up to 200,000 rows; a comparison
/// sort measured tens of milliseconds per feature there, this about one.
/// </summary>
internal static class FloatRadixSort
{
    private const int Radix = 256;

    public static void Sort(Span<float> values)
    {
        var nans = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
            {
                (values[nans], values[i]) = (values[i], values[nans]);
                nans++;
            }
        }

        var rest = values[nans..];
        var keys = new uint[rest.Length];
        var buffer = new uint[rest.Length];
        for (var i = 0; i < rest.Length; i++)
        {
            keys[i] = ToKey(rest[i]);
        }

        var counts = new int[Radix];
        for (var shift = 0; shift < 32; shift += 8)
        {
            Array.Clear(counts);
            foreach (var key in keys)
            {
                counts[(key >> shift) & 0xFF]++;
            }

            // A digit every key shares leaves the order as it is.
            if (counts[(keys[0] >> shift) & 0xFF] == keys.Length)
            {
                continue;
            }

            var position = 0;
            for (var digit = 0; digit < Radix; digit++)
            {
                (counts[digit], position) = (position, position + counts[digit]);
            }

            foreach (var key in keys)
            {
                buffer[counts[(key >> shift) & 0xFF]++] = key;
            }

            (keys, buffer) = (buffer, keys);
        }

        for (var i = 0; i < rest.Length; i++)
        {
            rest[i] = FromKey(keys[i]);
        }
    }

    // Flips the sign bit of positives and every bit of negatives, so unsigned key order is float order.
    private static uint ToKey(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & 0x8000_0000) != 0 ? ~bits : bits | 0x8000_0000;
    }

    private static float FromKey(uint key) =>
        BitConverter.UInt32BitsToSingle((key & 0x8000_0000) != 0 ? key & 0x7FFF_FFFF : ~key);
}
