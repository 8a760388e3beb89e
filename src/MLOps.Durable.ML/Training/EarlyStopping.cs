namespace MLOps.Durable.ML.Training;

/// <summary>When gradient boosting holds out validation rows to stop early.</summary>
public enum EarlyStopping
{
    /// <summary>On for more than 10,000 training rows (as scikit-learn's HistGradientBoosting), off otherwise.</summary>
    Auto,

    /// <summary>Always.</summary>
    On,

    /// <summary>Never: every requested tree is grown.</summary>
    Off,
}
