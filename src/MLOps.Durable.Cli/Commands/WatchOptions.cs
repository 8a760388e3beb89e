using System.CommandLine;

namespace MLOps.Durable.Cli.Commands;

/// <summary>The poll interval of the commands that follow a run.</summary>
internal static class WatchOptions
{
    public static Option<double> Interval()
    {
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between polls of the run while watching",
            HelpName = "seconds",
            DefaultValueFactory = _ => 0.5,
        };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 3600 or double.NaN)
            {
                result.AddError("--interval: expected a number of seconds above 0 and at most 3600, e.g. 0.5");
            }
        });
        return interval;
    }
}
