namespace QuotePlatform.Testing.Tls;

/// <summary>A certificate and its private key, as PEM files (what Kestrel's Certificate:Path and KeyPath take).</summary>
public sealed record PemPair(string CertificateFile, string KeyFile);
