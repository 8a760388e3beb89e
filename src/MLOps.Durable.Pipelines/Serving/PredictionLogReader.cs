namespace MLOps.Durable.Pipelines.Serving;

/// <summary>Reads a model's whole window from the prediction log, page by page.</summary>
internal static class PredictionLogReader
{
    private const int PageSize = 1000;

    public static Task<List<LoggedPrediction>> PredictionsAsync(IPredictionLog log, string model, DateTimeOffset since) =>
        ReadAllAsync((after, ct) => log.GetPredictionsAsync(model, since, after, PageSize, ct), p => p.Sequence);

    public static Task<List<PredictionFeedback>> FeedbackAsync(IPredictionLog log, string model, DateTimeOffset since) =>
        ReadAllAsync((after, ct) => log.GetFeedbackAsync(model, since, after, PageSize, ct), f => f.Sequence);

    private static async Task<List<T>> ReadAllAsync<T>(Func<long, CancellationToken, Task<IReadOnlyList<T>>> page, Func<T, long> sequence)
    {
        var all = new List<T>();
        long after = 0;
        while (true)
        {
            var batch = await page(after, CancellationToken.None).ConfigureAwait(false);
            all.AddRange(batch);
            if (batch.Count < PageSize)
            {
                return all;
            }

            after = sequence(batch[^1]);
        }
    }
}
