namespace MLOps.Durable.Storage;

/// <summary>The work item's lock expired and another worker took it: the commit was refused, nothing written.</summary>
public sealed class LockLostException(string what)
    : DurableException($"The lock on {what} was lost before the commit; the work will be redone by its new owner.");
