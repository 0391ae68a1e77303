using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host.Health;

/// <summary>
/// The bot's health (<see cref="HealthCheck"/>) as a standard health check, for <see cref="HealthCheckService"/> and its
/// publishers: unhealthy when questions cannot be answered (no index, no documents, no embeddings, Telegram refusing
/// the token), degraded when they can but something is wrong (an LLM that does not answer: answers are extractive
/// meanwhile), healthy otherwise. The full report travels in the result's data under <see cref="ReportKey"/>.
/// </summary>
public sealed class BotHealthCheck(HealthCheck check) : IHealthCheck
{
    public const string Name = "bot";
    public const string ReportKey = "report";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await check.RunAsync(cancellationToken);
        var data = new Dictionary<string, object> { [ReportKey] = report };
        var description = report.Problems.Count == 0 ? null : string.Join("; ", report.Problems);
        if (!report.Healthy) return HealthCheckResult.Unhealthy(description, data: data);
        return report.Problems.Count > 0 ? HealthCheckResult.Degraded(description, data: data) : HealthCheckResult.Healthy(data: data);
    }
}
