namespace MLOps.Durable.Storage;

/// <summary>The store could not be reached (a storage account or emulator that is down, a wrong endpoint); the message says where and what to check.</summary>
public sealed class StoreUnavailableException(string message, Exception? innerException = null) : DurableException(message, innerException);
