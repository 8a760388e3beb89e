namespace MLOps.Durable.ML.Data;

/// <summary>What a column holds, which decides how it is profiled, validated, encoded and tested for drift.</summary>
public enum ColumnKind
{
    /// <summary>Real numbers; missing values are stored as <see cref="double.NaN"/>.</summary>
    Numeric,

    /// <summary>Labels from a finite domain (strings); missing values are stored as null.</summary>
    Categorical,

    /// <summary>true/false; missing values are stored as null.</summary>
    Boolean,
}
