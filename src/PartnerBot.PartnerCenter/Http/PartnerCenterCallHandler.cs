using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using PartnerBot.PartnerCenter.Auth;

namespace PartnerBot.PartnerCenter.Http;

/// <summary>
/// Runs once per attempt, inside the retries: puts a fresh bearer token on the request (a retry after
/// a long Retry-After may need a renewed one) and logs the attempt with its MS-RequestId and
/// MS-CorrelationId, never the token.
/// </summary>
internal sealed class PartnerCenterCallHandler(IPartnerCenterTokens tokens, ILogger<PartnerCenterCallHandler> logger) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<PartnerCenterCredential> Credential = new("PartnerCenter.Credential");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credential = request.Options.TryGetValue(Credential, out var value) ? value : PartnerCenterCredential.AppOnly;
        var token = await tokens.GetAccessTokenAsync(credential, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(
                    "Partner Center {Method} {Path} answered {Status} in {Elapsed} ms (MS-RequestId {RequestId}, MS-CorrelationId {CorrelationId})",
                    request.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, Elapsed(started), Header(request, "MS-RequestId"), Header(request, "MS-CorrelationId"));
            }

            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning(
                "Partner Center {Method} {Path} failed after {Elapsed} ms: {Error} (MS-RequestId {RequestId}, MS-CorrelationId {CorrelationId})",
                request.Method, request.RequestUri?.AbsolutePath, Elapsed(started), ex.GetType().Name, Header(request, "MS-RequestId"), Header(request, "MS-CorrelationId"));
            throw;
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
