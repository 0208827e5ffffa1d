using System.Threading.RateLimiting;
using BacGiang.Incidents.Api.Intake;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Api.Infrastructure;

public static class RateLimits
{
    public const string Citizen = "citizen";

    /// <summary>Anonymous endpoints get a fixed window per client address; staff endpoints are behind tokens instead.</summary>
    public static IServiceCollection AddIncidentRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Citizen, http =>
            {
                var permits = http.RequestServices.GetRequiredService<IOptions<IntakeOptions>>().Value.PermitsPerMinutePerClient;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var problem = TypedResults.Problem("Too many requests from this client; try again in a minute.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limited.");
                await problem.ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
