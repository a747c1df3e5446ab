using PartnerBot.PartnerCenter.Auth;
using PartnerBot.PartnerCenter.Tests.Support;

namespace PartnerBot.PartnerCenter.Tests;

/// <summary>Real MSAL against a fake authority on 127.0.0.1: acquisition, cache, renewal, refresh-token rotation.</summary>
public sealed class TokenTests : IDisposable
{
    private readonly PartnerCenterStandIn _standIn = new();

    [Fact]
    public async Task App_only_token_is_acquired_once_and_served_from_the_cache()
    {
        using var host = new ConnectorHost(_standIn.Options());

        var first = await host.Tokens.GetAccessTokenAsync(PartnerCenterCredential.AppOnly, CancellationToken.None);
        var second = await host.Tokens.GetAccessTokenAsync(PartnerCenterCredential.AppOnly, CancellationToken.None);

        Assert.StartsWith("app-token-", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        var request = Assert.Single(_standIn.TokenRequests("client_credentials"));
        Assert.Contains("scope=https%3A%2F%2Fapi.partnercenter.microsoft.com%2F.default", request.RequestMessage.Body, StringComparison.Ordinal);
        Assert.Contains("client_id=" + PartnerCenterStandIn.ClientId, request.RequestMessage.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_close_to_expiry_is_renewed_before_use()
    {
        // MSAL treats a token within five minutes of expiry as expired: a two-minute token is renewed on every use.
        _standIn.Server.Reset();
        _standIn.AnswerTokens(TimeSpan.FromMinutes(2));
        using var host = new ConnectorHost(_standIn.Options());

        var first = await host.Tokens.GetAccessTokenAsync(PartnerCenterCredential.AppOnly, CancellationToken.None);
        var second = await host.Tokens.GetAccessTokenAsync(PartnerCenterCredential.AppOnly, CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(2, _standIn.TokenRequests("client_credentials").Count);
    }

    [Fact]
    public async Task App_user_token_comes_from_the_service_accounts_refresh_token_and_the_rotated_one_is_written_back()
    {
        var store = new RecordingRefreshTokenStore("service-account-refresh-token-0");
        using var host = new ConnectorHost(_standIn.Options(refreshToken: null), refreshTokens: store);

        var token = await host.Tokens.GetAccessTokenAsync(PartnerCenterCredential.AppUser, CancellationToken.None);
        var again = await host.Tokens.GetAccessTokenAsync(PartnerCenterCredential.AppUser, CancellationToken.None);

        Assert.StartsWith("user-token-", token, StringComparison.Ordinal);
        Assert.Equal(token, again);
        var exchange = Assert.Single(_standIn.TokenRequests("refresh_token"));
        Assert.Contains("refresh_token=service-account-refresh-token-0", exchange.RequestMessage.Body, StringComparison.Ordinal);
        Assert.Contains("user_impersonation", exchange.RequestMessage.Body, StringComparison.Ordinal);
        Assert.Equal("service-account-refresh-token-1", Assert.Single(store.Written));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("refresh-token-", StringComparison.Ordinal) || line.Contains("user-token-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Renewing_an_app_user_token_uses_the_rotated_refresh_token()
    {
        _standIn.Server.Reset();
        _standIn.AnswerTokens(TimeSpan.FromMinutes(2));
        var store = new RecordingRefreshTokenStore("service-account-refresh-token-0");
        using var host = new ConnectorHost(_standIn.Options(refreshToken: null), refreshTokens: store);

        await host.Tokens.GetAccessTokenAsync(PartnerCenterCredential.AppUser, CancellationToken.None);
        await host.Tokens.GetAccessTokenAsync(PartnerCenterCredential.AppUser, CancellationToken.None);

        var exchanges = _standIn.TokenRequests("refresh_token").OrderBy(e => e.RequestMessage.DateTime).ToList();
        Assert.Equal(2, exchanges.Count);
        Assert.Contains("refresh_token=service-account-refresh-token-1", exchanges[1].RequestMessage.Body, StringComparison.Ordinal);
        Assert.Equal(["service-account-refresh-token-1", "service-account-refresh-token-2"], store.Written);
    }

    [Fact]
    public async Task Without_a_refresh_token_app_user_calls_say_what_is_missing()
    {
        using var host = new ConnectorHost(_standIn.Options(refreshToken: null));

        var failure = await Assert.ThrowsAsync<PartnerCenterException>(() => host.Tokens.GetAccessTokenAsync(PartnerCenterCredential.AppUser, CancellationToken.None));

        Assert.Equal(PartnerCenterFailure.NotConfigured, failure.Failure);
    }

    public void Dispose() => _standIn.Dispose();
}
