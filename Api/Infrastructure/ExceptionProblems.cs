using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime.Messaging;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// Whatever the framework rejects before our handlers run (a body too large, a route value that does not bind)
/// keeps its own 4xx status in problem+json; a call that could not reach a silo — one just died and the cluster
/// has not yet declared it dead — is a 503 with Retry-After, so clients retry (safely, with their
/// Idempotency-Key) instead of treating it as a bug. Anything else stays a 500.
/// </summary>
public sealed class ExceptionProblems(ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    /// <summary>A grain call that did not reach a live silo, or whose answer was lost with one: worth trying again.</summary>
    public static bool ClusterUnavailable(Exception exception) =>
        exception is OrleansMessageRejectionException or SiloUnavailableException or ConnectionFailedException or TimeoutException;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case BadHttpRequestException bad:
                logger.LogInformation("Bad request to {Path}: {Reason}", http.Request.Path, bad.Message);
                await TypedResults.Problem(bad.Message, statusCode: bad.StatusCode, title: "Bad request.").ExecuteAsync(http);
                return true;
            case var _ when ClusterUnavailable(exception):
                logger.LogWarning("Cluster unavailable for {Method} {Path}: {Reason}", http.Request.Method, http.Request.Path, exception.Message);
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                await TypedResults.Problem(
                    "The incident service is recovering from a failed node. Nothing was lost; retry in a few seconds (with the same Idempotency-Key for reports).",
                    statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable.").ExecuteAsync(http);
                return true;
            default:
                return false;
        }
    }
}
