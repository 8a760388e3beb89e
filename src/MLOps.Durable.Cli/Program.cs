using MLOps.Durable.Cli;

return await MlopsCli.RunAsync(args);
