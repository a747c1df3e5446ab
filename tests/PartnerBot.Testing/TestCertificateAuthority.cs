using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PartnerBot.Testing;

/// <summary>
/// A certificate authority made at run time, in memory, so that stand-ins for Microsoft services can serve
/// HTTPS on 127.0.0.1 (MSAL and IdentityModel refuse plain http) without a private key in the repository.
/// Trust it per process: a child process through <see cref="TrustBundlePath"/> (SSL_CERT_FILE), an in-process
/// client through <see cref="CreateTrustingHandler"/>. Nothing is ever added to the machine's trust store.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Lazy<TestCertificateAuthority> LazyShared = new(() => new TestCertificateAuthority());
    private readonly Lazy<string> _trustBundlePath;

    public TestCertificateAuthority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            $"CN=PartnerBot Test CA {Guid.NewGuid():N}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        _trustBundlePath = new Lazy<string>(WriteTrustBundle);
    }

    /// <summary>One authority per test process, so every stand-in and every child process agree on it.</summary>
    public static TestCertificateAuthority Shared => LazyShared.Value;

    /// <summary>The CA certificate, with its private key (it signs the server certificates).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// A PEM file holding the CA certificate alone: give it to a child process as SSL_CERT_FILE (and an empty
    /// SSL_CERT_DIR) so that process trusts this CA and nothing else. Written once, removed at process exit.
    /// </summary>
    public string TrustBundlePath => _trustBundlePath.Value;

    /// <summary>
    /// A server certificate for 127.0.0.1, ::1 and localhost, signed by this CA, with its private key. It is
    /// round-tripped through PKCS#12 so Kestrel (and WireMock.Net) can use the key for TLS on any platform.
    /// </summary>
    public X509Certificate2 IssueServerCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));

        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F; // a positive serial number
        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(Certificate, now.AddHours(-1), now.AddDays(7), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>
    /// An HTTP handler for in-process clients (for example behind MSAL's IMsalHttpClientFactory) that accepts
    /// a server certificate only if it chains to this CA: not the machine's roots, not any certificate.
    /// It never uses a proxy, since it only ever talks to stand-ins on loopback.
    /// </summary>
    public SocketsHttpHandler CreateTrustingHandler() => new()
    {
        UseProxy = false,
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
    };

    /// <summary>The same trust as <see cref="CreateTrustingHandler"/>, for code that needs an HttpClientHandler.</summary>
    public HttpClientHandler CreateTrustingHttpClientHandler() => new()
    {
        UseProxy = false,
        ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => Validate(null, certificate, null, errors),
    };

    public void Dispose()
    {
        Certificate.Dispose();
        if (_trustBundlePath.IsValueCreated)
        {
            File.Delete(_trustBundlePath.Value);
        }
    }

    private bool Validate(object? sender, X509Certificate? certificate, X509Chain? _, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        // The host name must still match; only the root of trust is ours.
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }

    private string WriteTrustBundle()
    {
        var path = Path.Combine(Path.GetTempPath(), $"partnerbot-test-ca-{Environment.ProcessId}-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, Certificate.ExportCertificatePem() + "\n");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
}
