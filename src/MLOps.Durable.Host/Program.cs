using MLOps.Durable.Host;
using MLOps.Durable.Samples;

return await HostApplication.RunAsync(args, SampleTasks.Register);
