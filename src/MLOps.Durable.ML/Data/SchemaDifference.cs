namespace MLOps.Durable.ML.Data;

/// <summary>One difference found by <see cref="DatasetSchema.Compare(DatasetSchema)"/>.</summary>
/// <param name="Code">What changed.</param>
/// <param name="Column">The column concerned, or null for dataset-level changes (target, task).</param>
/// <param name="Message">A sentence naming the pinned and the new value.</param>
public sealed record SchemaDifference(SchemaDifferenceCode Code, string? Column, string Message);
