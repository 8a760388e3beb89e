namespace MLOps.Durable.ML.Data;

/// <summary>The kinds of <see cref="ValidationFinding"/>; README.md has the table with severities.</summary>
public enum ValidationCode
{
    /// <summary>Fewer rows than <see cref="ValidationLimits.MinRows"/>.</summary>
    TooFewRows,

    /// <summary>A schema column is not in the data.</summary>
    MissingColumn,

    /// <summary>The data has a column the schema does not know.</summary>
    ExtraColumn,

    /// <summary>Values that do not parse as the schema's kind for the column.</summary>
    TypeMismatch,

    /// <summary>Missing values in a column the schema says is not nullable.</summary>
    NullInNonNullable,

    /// <summary>The missing fraction of a nullable column is over a limit.</summary>
    TooManyMissing,

    /// <summary>Numeric values outside the schema's min..max.</summary>
    OutOfRange,

    /// <summary>Labels the schema's category domain does not have.</summary>
    UnseenCategory,

    /// <summary>A column with at most one distinct present value.</summary>
    ConstantColumn,

    /// <summary>Rows that repeat an earlier row exactly, over a limit.</summary>
    DuplicateRows,

    /// <summary>The most frequent class outnumbers the rarest by more than a limit.</summary>
    LabelImbalance,
}
