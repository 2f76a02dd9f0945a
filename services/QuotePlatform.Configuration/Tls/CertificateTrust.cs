using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace QuotePlatform.Configuration.Tls;

/// <summary>
/// Decides whether a peer's TLS certificate is trusted: by the system's trusted CAs (no CA file),
/// or by a private CA given as a PEM file, which is what a self-hosted server has. A server's host
/// name is checked either way. A refusal says why, in words an operator can act on. (A server
/// checks client certificates with it too.)
/// </summary>
public sealed class CertificateTrust
{
    private readonly string? _caFile;
    private readonly X509Certificate2Collection? _roots;

    public CertificateTrust(string? caFile)
    {
        if (string.IsNullOrEmpty(caFile))
        {
            return;
        }

        _caFile = caFile;
        _roots = [];
        _roots.ImportFromPemFile(caFile);
        if (_roots.Count == 0)
        {
            throw new InvalidOperationException($"the CA file {caFile} holds no PEM certificate");
        }
    }

    /// <summary>Null when the certificate is trusted for the host; else why it is not.</summary>
    public string? Refusal(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "the server sent no certificate";
        }

        var described = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var what = $"certificate \"{described.Subject}\" (issuer \"{described.Issuer}\", valid {described.NotBefore:u} to {described.NotAfter:u})";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"the {what} is not for the host name connected to";
        }

        if (_roots is null)
        {
            return errors == SslPolicyErrors.None ? null : $"the {what} is not trusted by this system's CAs: {Status(chain)} (give a CA file for a private CA)";
        }

        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.AddRange(_roots);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                own.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return own.Build(described) ? null : $"the {what} is not trusted by the CA file {_caFile}: {Status(own)}";
    }

    /// <summary>Client options that apply this trust (and present a client certificate, if one is given).</summary>
    public SslClientAuthenticationOptions ClientOptions(Action<string> refused, X509Certificate2? clientCertificate = null) => new()
    {
        RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            if (Refusal(certificate, chain, errors) is not { } why)
            {
                return true;
            }

            refused(why);
            return false;
        },
        ClientCertificates = clientCertificate is null ? null : [clientCertificate],
    };

    private static string Status(X509Chain? chain) =>
        chain is null || chain.ChainStatus.Length == 0
            ? "no chain to a trusted CA"
            : string.Join("; ", chain.ChainStatus.Select(status => $"{status.Status}: {status.StatusInformation.Trim()}"));
}
