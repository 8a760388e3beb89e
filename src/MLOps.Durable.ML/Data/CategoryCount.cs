namespace MLOps.Durable.ML.Data;

/// <summary>How often one label occurs in a column.</summary>
public sealed record CategoryCount(string Value, int Count);
