namespace MLOps.Durable.ML.Data;

/// <summary>What the CSV reader does with a value that does not parse as the kind forced for its column.</summary>
public enum InvalidValueHandling
{
    /// <summary>Stop with a <see cref="DataFormatException"/> naming file, line, column and value.</summary>
    Throw,

    /// <summary>
    /// Keep the whole column as raw text (a <see cref="CategoricalColumn"/>) so that
    /// <see cref="DatasetValidator"/> can report every bad value with its row number.
    /// </summary>
    KeepText,
}
