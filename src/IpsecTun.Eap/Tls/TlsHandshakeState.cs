using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Tls;

namespace IpsecTun.Eap.Tls;

/// <summary>What the BouncyCastle callbacks learn during a handshake, read by <see cref="TlsEngine"/>.</summary>
internal sealed class TlsHandshakeState(IReadOnlyList<TlsExport> exports)
{
    public IReadOnlyList<TlsExport> Exports { get; } = exports;

    /// <summary>The first reason the handshake failed, in words fit for a log.</summary>
    public string? Failure { get; private set; }

    /// <summary>The secrets of <see cref="Exports"/>, in order, once the handshake has completed.</summary>
    public byte[][]? Exported { get; set; }

    public bool IsTls13 { get; set; }

    /// <summary>The other side's end-entity certificate once it has been validated.</summary>
    public X509Certificate2? PeerCertificate { get; set; }

    public void Fail(string reason) => Failure ??= reason;

    /// <summary>Records a fatal alert, ours or the other side's, as the failure reason.</summary>
    public void OnAlert(short level, short description, string? message, bool sent, string otherSide)
    {
        if (level == AlertLevel.fatal)
        {
            Fail(sent
                ? $"TLS alert {TlsKeyExporter.Describe(description, message)} sent to the {otherSide}"
                : DescribeReceivedAlert(description, otherSide));
        }
    }

    /// <summary>
    /// A fatal alert from the other side in words, saying so when it is about the certificate we presented, so that
    /// a refused client certificate reads as that rather than as a bare alert name.
    /// </summary>
    public static string DescribeReceivedAlert(short description, string otherSide)
    {
        string about = description switch
        {
            AlertDescription.bad_certificate or AlertDescription.unsupported_certificate or AlertDescription.certificate_revoked
                or AlertDescription.certificate_expired or AlertDescription.certificate_unknown or AlertDescription.unknown_ca
                => ": it did not accept our certificate",
            AlertDescription.certificate_required => ": it requires a certificate from us",
            _ => "",
        };
        return $"the {otherSide} sent TLS alert {AlertDescription.GetText(description)}{about}";
    }
}
