using System.Security.Cryptography;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Authentication;

/// <summary>
/// SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4): the IANA "IKEv2 Hash Algorithms" ids this implementation
/// signs and verifies with, and the notify that announces them in IKE_SA_INIT.
/// </summary>
internal static class SignatureHashes
{
    private const ushort Sha256 = 2;
    private const ushort Sha384 = 3;
    private const ushort Sha512 = 4;

    /// <summary>The notify announcing <paramref name="hashes"/>; null when there are none to announce.</summary>
    public static NotifyPayload? Notify(IReadOnlyList<HashAlgorithmName> hashes)
    {
        ushort[] ids = [.. hashes.Select(IdOf).OfType<ushort>().Distinct()];
        return ids.Length == 0 ? null : new NotifyPayload(NotifyType.SignatureHashAlgorithms, NotifyData.SignatureHashAlgorithms(ids));
    }

    /// <summary>The SHA-2 hashes the peer announced; null when it sent no SIGNATURE_HASH_ALGORITHMS (no RFC 7427).</summary>
    public static IReadOnlySet<HashAlgorithmName>? Announced(IReadOnlyList<Payload> payloads)
    {
        NotifyPayload? notify = payloads.OfType<NotifyPayload>().FirstOrDefault(n => n.NotifyType == NotifyType.SignatureHashAlgorithms);
        return notify is null ? null : NotifyData.ReadSignatureHashAlgorithms(notify).Select(HashOf).OfType<HashAlgorithmName>().ToHashSet();
    }

    private static ushort? IdOf(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA256 ? Sha256 : hash == HashAlgorithmName.SHA384 ? Sha384 : hash == HashAlgorithmName.SHA512 ? Sha512 : null;

    private static HashAlgorithmName? HashOf(ushort id) => id switch
    {
        Sha256 => HashAlgorithmName.SHA256,
        Sha384 => HashAlgorithmName.SHA384,
        Sha512 => HashAlgorithmName.SHA512,
        _ => null,
    };
}
