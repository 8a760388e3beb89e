using System.CommandLine;
using MLOps.Durable.Cli.Api;
using MLOps.Durable.Cli.Output;

namespace MLOps.Durable.Cli.Commands;

/// <summary>What a command's action works with: the parsed line, the output and (made on first use) the API client.</summary>
internal sealed class CommandContext(ParseResult parse, GlobalOptions options) : IDisposable
{
    private MlopsApiClient? _api;

    public ParseResult Parse { get; } = parse;

    public CliOutput Output { get; } = CliOutput.ForConsole(parse.GetValue(options.Json));

    /// <summary>The client for the host named by --host / MLOPS_HOST, with the key from --key / MLOPS_KEY.</summary>
    public MlopsApiClient Api => _api ??= new MlopsApiClient(HostConnection.Resolve(Parse.GetValue(options.Host), Parse.GetValue(options.Key)));

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    public void Dispose() => _api?.Dispose();
}
