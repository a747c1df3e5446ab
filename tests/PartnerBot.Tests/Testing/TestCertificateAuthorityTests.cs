using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Testing;

namespace PartnerBot.Tests.Testing;

/// <summary>The shared test CA does what stand-ins rely on: Kestrel serves with it, only its clients trust it.</summary>
public sealed class TestCertificateAuthorityTests
{
    private static async Task<WebApplication> StartHttpsAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var certificate = TestCertificateAuthority.Shared.IssueServerCertificate();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.MapGet("/", () => "stand-in");
        await app.StartAsync();
        return app;
    }

    private static Uri AddressOf(WebApplication app, string host) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().Replace("127.0.0.1", host, StringComparison.Ordinal));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_trusting_client_reaches_a_Kestrel_stand_in_over_https(string host)
    {
        await using var app = await StartHttpsAsync();
        using var client = new HttpClient(TestCertificateAuthority.Shared.CreateTrustingHandler());
        Assert.Equal("stand-in", await client.GetStringAsync(AddressOf(app, host)));
        using var classic = new HttpClient(TestCertificateAuthority.Shared.CreateTrustingHttpClientHandler());
        Assert.Equal("stand-in", await classic.GetStringAsync(AddressOf(app, host)));
    }

    [Fact]
    public async Task Another_authority_is_not_trusted_by_the_handler_nor_is_the_test_CA_trusted_by_the_machine()
    {
        await using var app = await StartHttpsAsync();
        using var other = new TestCertificateAuthority();
        using var stranger = new HttpClient(other.CreateTrustingHandler());
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => stranger.GetStringAsync(AddressOf(app, "127.0.0.1")));
        Assert.IsType<AuthenticationException>(refused.InnerException);

        using var machine = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        await Assert.ThrowsAsync<HttpRequestException>(() => machine.GetStringAsync(AddressOf(app, "127.0.0.1")));
    }

    [Fact]
    public void The_trust_bundle_holds_the_CA_certificate_alone_without_its_key()
    {
        var pem = File.ReadAllText(TestCertificateAuthority.Shared.TrustBundlePath);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(pem, "BEGIN CERTIFICATE"));
        Assert.DoesNotContain("PRIVATE KEY", pem, StringComparison.Ordinal);
        using var loaded = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
        Assert.Equal(TestCertificateAuthority.Shared.Certificate.Thumbprint, loaded.Thumbprint);
    }
}
