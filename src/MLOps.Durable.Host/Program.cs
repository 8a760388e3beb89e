using MLOps.Durable.Host;

return await HostApplication.RunAsync(args);
