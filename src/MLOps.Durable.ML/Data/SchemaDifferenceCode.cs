namespace MLOps.Durable.ML.Data;

/// <summary>What changed between a pinned schema and a newer one (see README.md).</summary>
public enum SchemaDifferenceCode
{
    /// <summary>The newer schema has a column the pinned one lacks.</summary>
    ColumnAdded,

    /// <summary>A pinned column is gone.</summary>
    ColumnRemoved,

    /// <summary>A column changed kind.</summary>
    KindChanged,

    /// <summary>A column became nullable or non-nullable.</summary>
    NullableChanged,

    /// <summary>A numeric column's min or max changed.</summary>
    RangeChanged,

    /// <summary>A categorical column has labels the pinned one lacks.</summary>
    CategoriesAdded,

    /// <summary>A categorical column lost labels.</summary>
    CategoriesRemoved,

    /// <summary>The target column changed.</summary>
    TargetChanged,

    /// <summary>The task kind changed.</summary>
    TaskChanged,
}
