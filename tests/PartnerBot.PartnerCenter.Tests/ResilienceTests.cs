using Microsoft.Extensions.Time.Testing;
using PartnerBot.PartnerCenter.Tests.Support;

namespace PartnerBot.PartnerCenter.Tests;

/// <summary>Retries, Retry-After, timeouts and the circuit breaker, observed on the wire.</summary>
public sealed class ResilienceTests : IDisposable
{
    private const string Contoso = "0c9a7a5e-0000-4000-8000-000000000001";
    private readonly PartnerCenterStandIn _standIn = new();

    [Fact]
    public async Task A_read_answered_503_twice_then_200_succeeds_with_the_same_request_id()
    {
        using var host = new ConnectorHost(_standIn.Options());
        var path = $"/v1/customers/{Contoso}";
        _standIn.Json("GET", path, 503, PartnerCenterStandIn.Error(503, "unavailable"), scenario: "flaky", state: "Started", nextState: "once");
        _standIn.Json("GET", path, 503, PartnerCenterStandIn.Error(503, "unavailable"), scenario: "flaky", state: "once", nextState: "twice");
        _standIn.Json("GET", path, 200, PartnerCenterStandIn.Customer(Contoso, "Contoso", "contoso.onmicrosoft.com", PartnerCenterStandIn.Billing("Contoso Ltd", "a@contoso.com", "e1")), scenario: "flaky", state: "twice");

        var customer = await host.Client.GetCustomerAsync(Contoso, CancellationToken.None);

        Assert.Equal("Contoso", customer!.Company.CompanyName);
        var calls = _standIn.ApiRequests("GET", path);
        Assert.Equal(3, calls.Count);
        Assert.Single(calls.Select(c => PartnerCenterStandIn.Header(c, "MS-RequestId")).Distinct());
    }

    [Fact]
    public async Task A_throttled_call_waits_Retry_After_on_the_clock_before_trying_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = new ConnectorHost(_standIn.Options(), clock);
        var path = $"/v1/customers/{Contoso}";
        _standIn.Raw("GET", path, 429, """{"statusCode":429,"message":"Rate limit is exceeded."}""", scenario: "throttle", state: "Started", nextState: "calm", headers: new Dictionary<string, string> { ["Retry-After"] = "3" });
        _standIn.Json("GET", path, 200, PartnerCenterStandIn.Customer(Contoso, "Contoso", "contoso.onmicrosoft.com", PartnerCenterStandIn.Billing("Contoso Ltd", "a@contoso.com", "e1")), scenario: "throttle", state: "calm");

        var call = host.Client.GetCustomerAsync(Contoso, CancellationToken.None);
        await WaitUntil(() => host.Logs.Lines.Any(l => l.Contains("HTTP 429", StringComparison.Ordinal) && l.Contains("in 3000 ms", StringComparison.Ordinal)));

        // Move the clock on a tenth of a second at a time until the retry goes out: it must take three seconds
        // of the clock's time (the wait may be scheduled a moment after the log line, so this counts from the log).
        var advanced = TimeSpan.Zero;
        while (_standIn.ApiRequests("GET", path).Count < 2 && !call.IsCompleted && advanced < TimeSpan.FromSeconds(6))
        {
            Assert.Single(_standIn.ApiRequests("GET", path));
            clock.Advance(TimeSpan.FromMilliseconds(100));
            advanced += TimeSpan.FromMilliseconds(100);
            await Task.Delay(20);
        }

        var customer = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(advanced >= TimeSpan.FromSeconds(3), $"retried after {advanced.TotalMilliseconds} ms of the clock");
        Assert.Equal("Contoso", customer!.Company.CompanyName);
        Assert.Equal(2, _standIn.ApiRequests("GET", path).Count);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_a_turn_is_answered_as_throttled_at_once()
    {
        using var host = new ConnectorHost(_standIn.Options());
        _standIn.Raw("GET", $"/v1/customers/{Contoso}", 429, """{"statusCode":429,"message":"Rate limit is exceeded."}""", headers: new Dictionary<string, string> { ["Retry-After"] = "60" });

        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() => host.Client.GetCustomerAsync(Contoso, CancellationToken.None));

        Assert.Equal(PartnerCenterFailure.Throttled, failure.Failure);
        Assert.Single(_standIn.ApiRequests("GET"));
    }

    [Fact]
    public async Task A_read_that_hangs_gives_up_within_the_request_timeout()
    {
        var options = _standIn.Options();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        options.RequestTimeout = TimeSpan.FromSeconds(1);
        using var host = new ConnectorHost(options);
        await host.Tokens.GetAccessTokenAsync(Auth.PartnerCenterCredential.AppOnly, CancellationToken.None);
        _standIn.Raw("GET", $"/v1/customers/{Contoso}", 200, "{}", delay: TimeSpan.FromSeconds(5));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() => host.Client.GetCustomerAsync(Contoso, CancellationToken.None));

        Assert.Equal(PartnerCenterFailure.Unavailable, failure.Failure);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(4), $"took {started.Elapsed}");
        await WaitUntil(() => _standIn.ApiRequests("GET").Count > 0);
    }

    [Fact]
    public async Task A_write_is_not_retried_after_a_503_or_a_timeout_its_outcome_is_reported_unknown()
    {
        var options = _standIn.Options();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        using var host = new ConnectorHost(options);
        await host.Tokens.GetAccessTokenAsync(Auth.PartnerCenterCredential.AppOnly, CancellationToken.None);
        _standIn.Raw("PUT", $"/v1/customers/{Contoso}/profiles/billing", 200, "{}", delay: TimeSpan.FromSeconds(5));

        var timedOut = await Assert.ThrowsAsync<PartnerCenterException>(() =>
            host.Client.ReplaceBillingProfileAsync(Contoso, CustomerApiTests.Profile(), "etag-1", "op-timeout", CancellationToken.None));

        Assert.Equal(PartnerCenterFailure.OutcomeUnknown, timedOut.Failure);
        await WaitUntil(() => _standIn.ApiRequests("PUT").Count > 0);
        Assert.Single(_standIn.ApiRequests("PUT"));
    }

    [Fact]
    public async Task A_throttled_write_is_retried_with_the_same_request_id()
    {
        using var host = new ConnectorHost(_standIn.Options());
        var path = $"/v1/customers/{Contoso}/profiles/billing";
        _standIn.Raw("PUT", path, 429, """{"statusCode":429,"message":"Rate limit is exceeded."}""", scenario: "w", state: "Started", nextState: "ok", headers: new Dictionary<string, string> { ["Retry-After"] = "0" });
        _standIn.Json("PUT", path, 200, PartnerCenterStandIn.Billing("Contoso Ltd", "billing@contoso.com", "etag-2"), scenario: "w", state: "ok");

        await host.Client.ReplaceBillingProfileAsync(Contoso, CustomerApiTests.Profile(), "etag-1", "7d0e8f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6", CancellationToken.None);

        var puts = _standIn.ApiRequests("PUT");
        Assert.Equal(2, puts.Count);
        Assert.All(puts, p => Assert.Equal("7d0e8f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6", PartnerCenterStandIn.Header(p, "MS-RequestId")));
    }

    [Fact]
    public async Task After_an_outage_the_circuit_opens_and_answers_at_once_without_calling()
    {
        using var host = new ConnectorHost(_standIn.Options());
        _standIn.Json("GET", $"/v1/customers/{Contoso}", 500, PartnerCenterStandIn.Error(500, "boom"));

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<PartnerCenterException>(() => host.Client.GetCustomerAsync(Contoso, CancellationToken.None));
        }

        var before = _standIn.ApiRequests("GET").Count;
        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() => host.Client.GetCustomerAsync(Contoso, CancellationToken.None));

        Assert.Equal(PartnerCenterFailure.Unavailable, failure.Failure);
        Assert.Equal(before, _standIn.ApiRequests("GET").Count);
    }

    public void Dispose() => _standIn.Dispose();

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }
}
