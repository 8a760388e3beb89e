using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using MLOps.Durable.Host.Configuration;
using MLOps.Durable.Host.OpenApi;
using MLOps.Durable.Host.Security;
using MLOps.Durable.Pipelines.Approvals;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Storage;
using static MLOps.Durable.Host.Endpoints.HttpProblems;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>
/// Reviewer approvals: pending requests, signed links and their audit trail with a function key
/// (<c>/api/approvals</c>, <c>.../{runId}/links</c>, <c>.../{runId}/audit</c>), and the link routes themselves,
/// anonymous because the token is the credential (<c>GET|POST /api/approvals/{runId}/decide?reviewer=&amp;token=</c>).
/// Decisions go through <see cref="ApprovalService"/>, as do those of <c>POST /api/runs/{id}/approval</c>.
/// </summary>
public static class ApprovalEndpoints
{
    /// <summary>
    /// Registers the approval audit trail (its own SQLite file, <paramref name="auditPath"/>: <c>{hub}.approvals.db</c>
    /// next to the task hub, whatever the backend), the link signing key (<see cref="ApprovalSigningKeyProvider.Setting"/>,
    /// checked now so a bad one stops start-up) and <see cref="ApprovalService"/>.
    /// </summary>
    public static IServiceCollection AddApprovals(this IServiceCollection services, IConfiguration configuration, string auditPath)
    {
        var configuredKey = configuration[ApprovalSigningKeyProvider.Setting];
        try
        {
            if (!string.IsNullOrEmpty(configuredKey))
            {
                ApprovalSigningKeyProvider.ParseKey(configuredKey);
            }
        }
        catch (ArgumentException ex)
        {
            throw new HostConfigurationException(ex.Message);
        }

        services.AddSingleton<IApprovalAuditTrail>(sp => new SqliteApprovalAuditTrail(new SqliteApprovalAuditTrailOptions
        {
            DataSource = auditPath,
            TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System,
        }));
        services.AddSingleton(sp => new ApprovalSigningKeyProvider(configuredKey, sp.GetRequiredService<IDurableStore>(), sp.GetService<TimeProvider>()));
        services.AddSingleton<ApprovalService>();
        return services;
    }

    public static IEndpointRouteBuilder MapApprovalEndpoints(this IEndpointRouteBuilder routes, string prefix)
    {
        var keyed = routes.MapGroup(prefix + "/approvals").RequireKey(AuthorizationLevel.Function).WithTags("Approvals");
        keyed.MapGet(string.Empty, ListAsync)
            .WithName("ListPendingApprovals")
            .WithSummary("Runs waiting for reviewers: candidate metrics and hyperparameters, production version and metric, reviewers, deadline.")
            .Produces<IReadOnlyList<ApprovalRequestView>>(StatusCodes.Status200OK);
        keyed.MapPost("{runId}/links", (string runId, HttpRequest request, ApprovalService approvals, CancellationToken ct) => CreateLinkAsync(runId, request, prefix, approvals, ct))
            .WithName("CreateApprovalLink")
            .WithSummary("Signs an expiring link for one reviewer (lifetime 24h by default, at most 720h); 201 {url, expiresAt} and Location.")
            .DocumentRequestBody<ApprovalLinkRequest>(required: true, "application/json")
            .Produces<object>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        keyed.MapGet("{runId}/audit", AuditAsync)
            .WithName("GetApprovalAudit")
            .WithSummary("The run's approval audit entries: who, when, decision, comment, channel, remote address, user agent, result, reason.")
            .Produces<IReadOnlyList<ApprovalAuditEntry>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        // Anonymous: the signed token in the link is the credential.
        var links = routes.MapGroup(prefix + "/approvals").WithTags("Approvals");
        links.MapGet("{runId}/decide", ShowAsync)
            .WithName("ShowApprovalRequest")
            .WithSummary("What a reviewer's link shows: the approval request for that reviewer. The token in the link is the credential.")
            .Produces<ApprovalRequestView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        links.MapPost("{runId}/decide", DecideAsync)
            .WithName("DecideWithApprovalLink")
            .WithSummary("A reviewer's decision through their link; 202 accepted (raises ApprovalDecision), 200 the same answer again.")
            .DocumentRequestBody<LinkDecisionRequest>(required: true, "application/json")
            .Produces<ApprovalDecisionView>(StatusCodes.Status202Accepted)
            .Produces<ApprovalDecisionView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        return routes;
    }

    /// <summary>The caller's side of a decision, for the audit trail: the connection's address (no proxy header is trusted) and User-Agent.</summary>
    internal static ApprovalAttempt Attempt(HttpContext http, string runId, string reviewer, bool approved, string? comment, ApprovalChannel channel) =>
        new(runId, null, reviewer, approved, comment, channel, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);

    /// <summary>The HTTP answer for a service result: the value with 200/201/202, or ProblemDetails with the outcome's status.</summary>
    internal static IResult ToHttp<T>(ApprovalResult<T> result, string? location = null)
        where T : class => result.Outcome switch
        {
            ApprovalOutcome.Ok or ApprovalOutcome.Duplicate => Results.Ok(result.Value),
            ApprovalOutcome.Created => Results.Created(location, result.Value),
            ApprovalOutcome.Accepted => Results.Accepted(location, result.Value),
            var outcome => Problem(Status(outcome), result.Title!, result.Detail!),
        };

    private static async Task<IResult> ListAsync(ApprovalService approvals, CancellationToken ct) =>
        Results.Ok(await approvals.ListPendingAsync(ct));

    private static async Task<IResult> CreateLinkAsync(string runId, HttpRequest request, string prefix, ApprovalService approvals, CancellationToken ct)
    {
        var (body, error) = await RequestBody.ReadJsonAsync<ApprovalLinkRequest>(request, """Expected {"reviewer": "alice@example.com", "lifetime": "24h"} (lifetime optional).""", ct);
        if (body is null)
        {
            return error!;
        }

        TimeSpan? lifetime = null;
        if (body.Lifetime is not null)
        {
            if (!Durations.TryParse(body.Lifetime, out var parsed))
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid link request", $"lifetime: '{body.Lifetime}' is not a duration: expected e.g. 24h, 90m or 1d12h.");
            }

            lifetime = parsed;
        }

        var result = await approvals.CreateLinkAsync(runId, body.Reviewer ?? string.Empty, lifetime, ct);
        if (result.Value is not { } grant)
        {
            return ToHttp(result);
        }

        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}/approvals/{Uri.EscapeDataString(runId)}/decide" +
            $"?reviewer={Uri.EscapeDataString(grant.Reviewer)}&token={Uri.EscapeDataString(grant.Token.Value)}";
        return Results.Created(url, new { runId, reviewer = grant.Reviewer, url, expiresAt = grant.Token.ExpiresAt });
    }

    private static async Task<IResult> AuditAsync(string runId, long? after, int? top, IApprovalAuditTrail audit, CancellationToken ct)
    {
        try
        {
            return Results.Ok(await audit.GetEntriesAsync(runId, after ?? 0, top ?? 1000, ct));
        }
        catch (InvalidApprovalRequestException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid audit query", ex.Message);
        }
    }

    private static async Task<IResult> ShowAsync(string runId, string? reviewer, string? token, ApprovalService approvals, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(reviewer)
            ? Problem(StatusCodes.Status403Forbidden, "Link not valid", "This approval link cannot be used: it names no reviewer; copy the whole link from the message you received.")
            : ToHttp(await approvals.ShowAsync(runId, reviewer, token, ct));

    private static async Task<IResult> DecideAsync(string runId, string? reviewer, string? token, HttpContext http, ApprovalService approvals, CancellationToken ct)
    {
        const string expected = """Expected {"approved": true|false, "comment": "..."} (comment optional).""";
        var (body, error) = await RequestBody.ReadJsonAsync<LinkDecisionRequest>(http.Request, expected, ct);
        if (body is null)
        {
            return error!;
        }

        if (body.Approved is not { } approved)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid decision", "approved: missing. " + expected);
        }

        if (string.IsNullOrWhiteSpace(reviewer))
        {
            return Problem(StatusCodes.Status403Forbidden, "Link not valid", "This approval link cannot be used: it names no reviewer; copy the whole link from the message you received.");
        }

        var attempt = Attempt(http, runId, reviewer, approved, body.Comment, ApprovalChannel.Link);
        return ToHttp(await approvals.DecideWithLinkAsync(token, attempt, ct));
    }

    private static int Status(ApprovalOutcome outcome) => outcome switch
    {
        ApprovalOutcome.Invalid => StatusCodes.Status400BadRequest,
        ApprovalOutcome.Forbidden => StatusCodes.Status403Forbidden,
        ApprovalOutcome.NotFound => StatusCodes.Status404NotFound,
        ApprovalOutcome.Conflict or ApprovalOutcome.NotWaiting => StatusCodes.Status409Conflict,
        ApprovalOutcome.Finished => StatusCodes.Status410Gone,
        _ => StatusCodes.Status500InternalServerError,
    };
}
