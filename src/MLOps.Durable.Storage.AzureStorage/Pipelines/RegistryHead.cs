namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

/// <summary>
/// The registry's sequence head as read: the last audit sequence handed out and the row's ETag (null while the
/// row does not exist). A change commits only if the head is still at this ETag, which is what serialises
/// changes from every host and keeps sequences and version numbers free of duplicates.
/// </summary>
/// <param name="LastSequence">The sequence of the newest audit entry; 0 before the first change.</param>
/// <param name="ETag">The head row's ETag; null before the first change.</param>
internal sealed record RegistryHead(long LastSequence, string? ETag)
{
    /// <summary>The head of an empty registry.</summary>
    public static RegistryHead Empty { get; } = new(0, null);

    /// <summary>The sequence the next change's audit entry gets.</summary>
    public long NextSequence => LastSequence + 1;
}
