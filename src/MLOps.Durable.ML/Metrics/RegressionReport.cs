namespace MLOps.Durable.ML.Metrics;

/// <summary>Regression quality on one data set.</summary>
/// <param name="SampleCount">Number of rows evaluated.</param>
/// <param name="Rmse">Root of the mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="R2">Coefficient of determination 1 - SS_res/SS_tot; for a constant actual it is 1 when the predictions are exact, else 0 (scikit-learn's force_finite).</param>
public sealed record RegressionReport(int SampleCount, double Rmse, double Mae, double R2);
