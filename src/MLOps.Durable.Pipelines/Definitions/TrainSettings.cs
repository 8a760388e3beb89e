namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>The <c>train</c> section. Hyperparameter values are kept as invariant text and checked against the trainer at load.</summary>
/// <param name="Trainer">gbdt, logistic or linear.</param>
/// <param name="Hyperparameters">Fixed hyperparameters by name.</param>
/// <param name="Sweep">Values to try per hyperparameter; every combination becomes one training activity.</param>
/// <param name="TestFraction">Share of rows held out for evaluation.</param>
/// <param name="Stratify">Whether the hold-out keeps class proportions (classification only).</param>
/// <param name="Seed">Seed for the split and the trainer.</param>
public sealed record TrainSettings(
    TrainerKind Trainer,
    IReadOnlyDictionary<string, string> Hyperparameters,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Sweep,
    double TestFraction,
    bool Stratify,
    int Seed)
{
    /// <summary>Every hyperparameter set to train: the fixed ones plus one combination of the sweep each (sweep keys in name order).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Candidates()
    {
        IEnumerable<Dictionary<string, string>> combinations = [new Dictionary<string, string>(Hyperparameters, StringComparer.Ordinal)];
        foreach (var (name, values) in Sweep.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            combinations = combinations.SelectMany(c => values.Select(v => new Dictionary<string, string>(c, StringComparer.Ordinal) { [name] = v })).ToList();
        }

        return [.. combinations];
    }
}
