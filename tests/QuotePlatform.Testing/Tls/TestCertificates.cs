using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace QuotePlatform.Testing.Tls;

/// <summary>
/// A private CA made for one test run with .NET's CertificateRequest, and certificates it issues,
/// written as PEM files into a temporary directory deleted on dispose: nothing is committed.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    // Real time: TLS checks validity against the clock of the processes it connects.
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();
    private readonly X509Certificate2 _ca;

    public TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("qp-tls-").FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Quote Platform test CA", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(_now.AddDays(-30), _now.AddDays(30));
        CaFile = Path.Combine(Directory, "ca.pem");
        File.WriteAllText(CaFile, _ca.ExportCertificatePem());
    }

    public string Directory { get; }

    /// <summary>The CA's certificate (PEM): what a client trusts.</summary>
    public string CaFile { get; }

    /// <summary>A server certificate for localhost and 127.0.0.1, valid now.</summary>
    public PemPair Server() => Issue("server", "localhost", _now.AddDays(-1), _now.AddDays(7), serverAuth: true);

    /// <summary>A server certificate for another host name only.</summary>
    public PemPair WrongHost() => Issue("wrong-host", "relay.invalid", _now.AddDays(-1), _now.AddDays(7), serverAuth: true);

    /// <summary>A server certificate for localhost that expired yesterday.</summary>
    public PemPair Expired() => Issue("expired", "localhost", _now.AddDays(-10), _now.AddDays(-1), serverAuth: true);

    /// <summary>A server certificate for localhost signed by a CA no client was told of.</summary>
    public static PemPair UnknownIssuer(string directory)
    {
        using var other = new TestCertificates();
        var pair = other.Server();
        var cert = Path.Combine(directory, "unknown-issuer.pem");
        var key = Path.Combine(directory, "unknown-issuer.key");
        File.Copy(pair.CertificateFile, cert, overwrite: true);
        File.Copy(pair.KeyFile, key, overwrite: true);
        return new PemPair(cert, key);
    }

    /// <summary>A client certificate (mutual TLS) with the given common name.</summary>
    public PemPair Client(string commonName) =>
        Issue("client-" + commonName, commonName, _now.AddDays(-1), _now.AddDays(7), serverAuth: false);

    public void Dispose()
    {
        _ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private PemPair Issue(string name, string host, DateTimeOffset notBefore, DateTimeOffset notAfter, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(host);
            if (host == "localhost")
            {
                names.AddIpAddress(IPAddress.Loopback);
            }

            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var certificate = request.Create(_ca, notBefore, notAfter, serial);
        var pair = new PemPair(Path.Combine(Directory, name + ".pem"), Path.Combine(Directory, name + ".key"));
        File.WriteAllText(pair.CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(pair.KeyFile, key.ExportPkcs8PrivateKeyPem());
        return pair;
    }
}
