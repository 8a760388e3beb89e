using Microsoft.Extensions.Logging;

namespace MLOps.Durable.Samples;

/// <summary>The sample's log messages.</summary>
internal static partial class SampleLog
{
    [LoggerMessage(5001, LogLevel.Information, "Best candidate: learning rate {Rate}, accuracy {Accuracy}.")]
    public static partial void BestCandidate(ILogger logger, double rate, double accuracy);
}
