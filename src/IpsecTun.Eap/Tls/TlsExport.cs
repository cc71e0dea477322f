namespace IpsecTun.Eap.Tls;

/// <summary>
/// One secret a method derives from the TLS session: under TLS 1.2 PRF(master_secret, <see cref="Label"/>,
/// client.random | server.random), the derivation RFC 5216 §2.3 and RFC 5281 §8 define (no exporter context,
/// and without requiring the extended master secret that RFC 5705 export would); under TLS 1.3 the exporter
/// with <see cref="Tls13Label"/> and <see cref="Tls13Context"/> (RFC 9190 §2.3).
/// </summary>
internal sealed record TlsExport(string Label, string Tls13Label, byte[] Tls13Context, int Length)
{
    /// <summary>MSK | EMSK, 64 bytes each, for a method with the given TLS 1.2 label and EAP type (RFC 9190, RFC 9427).</summary>
    public static TlsExport KeyMaterial(string label, byte typeCode) =>
        new(label, "EXPORTER_EAP_TLS_Key_Material", [typeCode], 128);
}
