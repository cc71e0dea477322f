using Org.BouncyCastle.Tls;

namespace IpsecTun.Eap.Tls;

/// <summary>
/// Derives a handshake's <see cref="TlsExport"/>s at the moment it completes, the last moment BouncyCastle
/// still holds the master secret (it clears the security parameters right after).
/// </summary>
internal static class TlsKeyExporter
{
    public static void OnHandshakeComplete(TlsContext context, TlsHandshakeState state)
    {
        var parameters = context.SecurityParameters;
        state.IsTls13 = TlsUtilities.IsTlsV13(parameters.NegotiatedVersion);
        byte[] seed = [.. parameters.ClientRandom, .. parameters.ServerRandom];
        state.Exported = [.. state.Exports.Select(export => state.IsTls13
            ? context.ExportKeyingMaterial(export.Tls13Label, export.Tls13Context, export.Length)
            : TlsUtilities.Prf(parameters, parameters.MasterSecret, export.Label, seed, export.Length).Extract())];
    }

    /// <summary>Words for an alert in a failure reason.</summary>
    public static string Describe(short alertDescription, string? message) =>
        message is null ? AlertDescription.GetText(alertDescription) : $"{AlertDescription.GetText(alertDescription)}: {message}";
}
