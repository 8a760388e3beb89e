using Microsoft.AspNetCore.Mvc;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>The one way an endpoint answers with an error: RFC 7807 ProblemDetails with a status, a title and a detail saying what to do.</summary>
public static class HttpProblems
{
    /// <summary>A ProblemDetails answer (<c>application/problem+json</c>).</summary>
    public static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
