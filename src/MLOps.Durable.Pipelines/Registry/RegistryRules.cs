using System.Globalization;

namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// The checks every registry implementation applies before it touches its state, so the backends refuse the
/// same requests with the same messages.
/// </summary>
internal static class RegistryRules
{
    public const int MaxModelNameLength = 64;

    public const int MaxRunIdLength = 100;

    public const int MaxTextLength = 200;

    public const int MaxReasonLength = 2000;

    public static void Model(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Length is 0 or > MaxModelNameLength || !model.All(IsModelNameChar))
        {
            throw new InvalidRegistryRequestException(
                "model",
                $"model: '{Printable(model)}' is not a valid model name: expected 1 to {MaxModelNameLength} letters, digits, '-', '_' or '.' (e.g. 'churn-classifier').");
        }
    }

    public static void Version(string model, int version)
    {
        if (version < 1)
        {
            throw new InvalidRegistryRequestException(
                "version", $"version: {version} is not a version of '{model}': expected a number from 1.");
        }
    }

    public static void Alias(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        if (!ModelAliases.IsKnown(alias))
        {
            throw new InvalidRegistryRequestException(
                "alias", $"alias: '{Printable(alias)}' is not an alias: expected one of {string.Join(", ", ModelAliases.All)}.");
        }
    }

    public static void Actor(string actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Text("actor", actor, MaxTextLength, "who makes the change, e.g. 'alice' or 'pipeline:churn-42'");
    }

    public static void Reason(string? reason)
    {
        if (reason is not null && reason.Length > MaxReasonLength)
        {
            throw new InvalidRegistryRequestException(
                "reason", $"reason: {reason.Length} characters is too long: expected at most {MaxReasonLength}.");
        }
    }

    public static void AuditQuery(string? model, long afterSequence, int maxEntries)
    {
        if (model is not null)
        {
            Model(model);
        }

        if (afterSequence < 0)
        {
            throw new InvalidRegistryRequestException(
                "afterSequence", $"afterSequence: {afterSequence} is not a sequence: expected 0 (the start) or an entry's sequence.");
        }

        if (maxEntries is < 1 or > 10_000)
        {
            throw new InvalidRegistryRequestException(
                "maxEntries", $"maxEntries: {maxEntries} is out of range: expected 1 to 10000.");
        }
    }

    public static void Registration(ModelRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        Model(registration.Model);
        ArgumentNullException.ThrowIfNull(registration.RunId);
        Text("runId", registration.RunId, MaxRunIdLength, "the pipeline run's instance id");
        ArgumentNullException.ThrowIfNull(registration.Trainer);
        Text("trainer", registration.Trainer, MaxTextLength, "the trainer's name, e.g. 'logistic-regression'");
        if (registration.Parameters is null || registration.Metrics is null || registration.Lineage is null || registration.Artifacts is null)
        {
            throw new InvalidRegistryRequestException(
                "registration", "registration: Parameters, Metrics, Lineage and Artifacts must not be null: leave them out to record none.");
        }

        foreach (var (name, value) in registration.Parameters)
        {
            if (string.IsNullOrWhiteSpace(name) || value is null)
            {
                throw new InvalidRegistryRequestException(
                    "parameters", $"parameters: '{Printable(name)}' = '{value}' is not a parameter: expected a non-empty name and a value.");
            }
        }

        foreach (var (name, value) in registration.Metrics)
        {
            if (string.IsNullOrWhiteSpace(name) || !double.IsFinite(value))
            {
                throw new InvalidRegistryRequestException(
                    "metrics",
                    $"metrics: '{Printable(name)}' = {value.ToString(CultureInfo.InvariantCulture)} is not a metric: expected a non-empty name and a finite number.");
            }
        }
    }

    public static void Assignment(AliasAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        Model(assignment.Model);
        Alias(assignment.Alias);
        Version(assignment.Model, assignment.Version);
        Actor(assignment.Actor);
        Reason(assignment.Reason);
        if (assignment.Alias == ModelAliases.Canary)
        {
            if (assignment.TrafficPercent is not (>= 1 and <= 99))
            {
                throw new InvalidRegistryRequestException(
                    "trafficPercent",
                    $"trafficPercent: {Show(assignment.TrafficPercent)} is not a canary share: expected a percent from 1 to 99.");
            }
        }
        else if (assignment.TrafficPercent is not null)
        {
            throw new InvalidRegistryRequestException(
                "trafficPercent",
                $"trafficPercent: {assignment.TrafficPercent} is only for the '{ModelAliases.Canary}' alias: leave it out for '{assignment.Alias}'.");
        }
    }

    /// <summary>The action's name as stored and shown: registered, aliasSet, aliasRemoved, promoted, rolledBack.</summary>
    public static string ActionName(RegistryAuditAction action) => action switch
    {
        RegistryAuditAction.Registered => "registered",
        RegistryAuditAction.AliasSet => "aliasSet",
        RegistryAuditAction.AliasRemoved => "aliasRemoved",
        RegistryAuditAction.Promoted => "promoted",
        RegistryAuditAction.RolledBack => "rolledBack",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a registry audit action."),
    };

    public static RegistryAuditAction ParseAction(string name) => name switch
    {
        "registered" => RegistryAuditAction.Registered,
        "aliasSet" => RegistryAuditAction.AliasSet,
        "aliasRemoved" => RegistryAuditAction.AliasRemoved,
        "promoted" => RegistryAuditAction.Promoted,
        "rolledBack" => RegistryAuditAction.RolledBack,
        _ => throw new FormatException($"'{name}' is not a registry audit action."),
    };

    private static void Text(string field, string value, int maxLength, string expected)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength || value.Any(char.IsControl))
        {
            throw new InvalidRegistryRequestException(
                field,
                $"{field}: '{Printable(value)}' is not valid: expected 1 to {maxLength} characters without control characters ({expected}).");
        }
    }

    private static bool IsModelNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "(none)";

    /// <summary>The value with control characters escaped, so an error message cannot be used to forge log lines.</summary>
    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
