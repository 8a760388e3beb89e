using MLOps.Durable.ML.Training.Gbdt;

namespace MLOps.Durable.ML.Tests.Training.Gbdt;

public sealed class FloatRadixSortTests
{
    [Fact]
    public void Sort_MixedSignsInfinitiesAndNaNs_MatchesArraySort()
    {
        var random = new Random(7);
        var values = new float[5_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7)));
        }

        values[10] = float.NaN;
        values[20] = float.PositiveInfinity;
        values[30] = float.NegativeInfinity;
        values[40] = float.Epsilon;
        values[50] = -float.Epsilon;
        values[60] = values[61] = 0.25f;
        var expected = (float[])values.Clone();
        Array.Sort(expected);

        FloatRadixSort.Sort(values);

        Assert.Equal(expected, values);
    }

    [Fact]
    public void Sort_AllEqual_LeavesThem()
    {
        var values = Enumerable.Repeat(3.5f, 100).ToArray();

        FloatRadixSort.Sort(values);

        Assert.All(values, v => Assert.Equal(3.5f, v));
    }
}
