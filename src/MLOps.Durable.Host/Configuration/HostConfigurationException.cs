namespace MLOps.Durable.Host.Configuration;

/// <summary>A setting in host.json or local.settings.json is invalid; the message names the key and the expected form.</summary>
public sealed class HostConfigurationException(string message, Exception? innerException = null) : Exception(message, innerException);
