using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerBot.PartnerCenter.Http;

/// <summary>
/// How calls to Partner Center survive a bad moment, outermost first:
/// a total timeout (a user's turn is answered within 10 s, even when Partner Center is slow);
/// retries with exponential backoff and jitter, for reads on 408, 5xx, timeouts and connection failures,
/// and for any call on 429 after its Retry-After (a throttled call was not processed); a write is never
/// retried after a timeout or a lost connection, because it may have been applied: the caller resolves
/// that by reading the resource. A retried write is the same request, so it carries the same
/// MS-RequestId, the API's idempotency key. Then a circuit breaker, so an outage gets a quick answer
/// instead of every user waiting out the timeouts; then a timeout per attempt.
/// </summary>
internal static class PartnerCenterResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, PartnerCenterOptions options, TimeProvider clock, ILogger logger)
    {
        pipeline.TimeProvider = clock;
        pipeline.AddTimeout(options.RequestTimeout);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryDelay,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options)),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome)),
            OnRetry = args =>
            {
                var request = args.Context.GetRequestMessage();
                logger.LogWarning(
                    "Partner Center {Method} {Path}: {Outcome}; retry {Attempt} in {Delay} ms",
                    request?.Method, request?.RequestUri?.AbsolutePath, Describe(args.Outcome), args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        });
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 6,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(15),
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            OnOpened = args =>
            {
                logger.LogError("Partner Center circuit opened for {Seconds} s after repeated failures", args.BreakDuration.TotalSeconds);
                return ValueTask.CompletedTask;
            },
        });
        pipeline.AddTimeout(options.AttemptTimeout);
    }

    internal static bool IsRead(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get || IsSafePost(request));

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, PartnerCenterOptions options)
    {
        var request = context.GetRequestMessage();
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled)
        {
            // Waiting longer than a turn can afford is worse than a clear "busy, try again".
            return RetryAfter(outcome) is not { } wait || wait <= options.MaxRetryAfter;
        }

        return IsRead(request) && IsTransient(outcome);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError;

    private static TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests } response || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } date && response.Headers.Date is { } now ? date - now : null;
    }

    // The address check changes nothing, so it may be retried like a read.
    private static bool IsSafePost(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/validations/address", StringComparison.OrdinalIgnoreCase) == true;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name : $"HTTP {(int)outcome.Result!.StatusCode}";
}
