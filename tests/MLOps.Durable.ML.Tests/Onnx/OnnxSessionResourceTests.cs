using MLOps.Durable.ML.Onnx;

namespace MLOps.Durable.ML.Tests.Onnx;

public sealed class OnnxSessionResourceTests
{
    private const long MaxGrowthBytes = 50L * 1024 * 1024;

    [Fact]
    public void FromBytesRunDispose_3000Cycles_ResidentMemoryStaysBounded()
    {
        var model = TestModels.OneHotConcat();
        var num = OnnxTensor.FromFloats([1, 2, 3, 4], 2, 2);
        var color = OnnxTensor.FromStrings(["red", "blue"], 2, 1);
        void Cycle()
        {
            using var session = OnnxSession.FromBytes(model);
            var result = OnnxSessionTests.Run(session, ("num", num), ("color", color));
            Assert.Equal(["red", "blue"], result["color_echo"].AsStrings());
        }

        // Warm up first: the runtime, its allocators' arenas and the JIT grow once, then should stay flat.
        for (var i = 0; i < 200; i++)
        {
            Cycle();
        }

        var before = ResidentBytes();
        for (var i = 0; i < 3000; i++)
        {
            Cycle();
        }

        var growth = ResidentBytes() - before;

        Assert.True(growth < MaxGrowthBytes, $"Resident memory grew by {growth / 1024} KB over 3,000 cycles.");
    }

    [Fact]
    public void Run_EightThreadsOneSession_EveryResultMatchesItsInput()
    {
        using var session = OnnxSession.FromBytes(TestModels.ScalerLinearRegressor());
        var mismatches = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var i = 0; i < 500; i++)
            {
                float x0 = worker, x1 = i;
                var y = OnnxSessionTests.Run(session, ("x", OnnxTensor.FromFloats([x0, x1], 1, 2)))["y"].AsFloats()[0];
                var expected = (1.5f * (x0 - 1)) - (2 * (x1 - 2)) + 0.5f;
                if (Math.Abs(y - expected) > 1e-3f)
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public async Task Dispose_WhileRunsInFlight_RunsCompleteOrSeeDisposed()
    {
        var session = OnnxSession.FromBytes(TestModels.ScalerLinearRegressor());
        var input = OnnxTensor.FromFloats(new float[20_000], 10_000, 2);
        var completed = 0;
        var refused = 0;
        using var started = new CountdownEvent(4);

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            started.Signal();
            for (var i = 0; i < 200; i++)
            {
                try
                {
                    var y = OnnxSessionTests.Run(session, ("x", input))["y"].AsFloats();
                    Assert.Equal(10_000, y.Length);
                    Interlocked.Increment(ref completed);
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref refused);
                    return;
                }
            }
        })).ToArray();
        started.Wait(TimeSpan.FromSeconds(30));
        session.Dispose();

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
        // Each worker either finished its 200 runs or stopped at its first ObjectDisposedException; any other
        // failure (a crash, an ORT error from a released session) would have faulted WaitAll.
        Assert.InRange(refused, 0, 4);
        Assert.True(completed >= (4 - refused) * 200, $"{completed} runs completed, {refused} workers refused.");
        Assert.Throws<ObjectDisposedException>(() => OnnxSessionTests.Run(session, ("x", input)));
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // /proc/self/statm: size resident shared text lib data dt, in pages.
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }
}
