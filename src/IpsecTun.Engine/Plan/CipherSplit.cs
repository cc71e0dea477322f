using IpsecTun.Crypto;

namespace IpsecTun.Engine.Plan;

/// <summary>
/// Splits a configured cipher list into AEAD and other ciphers, which IKE must offer in separate
/// proposals (an AEAD proposal carries no integrity transform), and orders the proposals so that the
/// one holding the first configured cipher comes first.
/// </summary>
internal static class CipherSplit
{
    public static IReadOnlyList<T> Arrange<T>(
        IReadOnlyList<EncryptionAlgorithm> ciphers, Func<IReadOnlyList<EncryptionAlgorithm>, T> aead, Func<IReadOnlyList<EncryptionAlgorithm>, T> plain)
    {
        EncryptionAlgorithm[] aeadCiphers = [.. ciphers.Where(a => a.IsAead)];
        EncryptionAlgorithm[] plainCiphers = [.. ciphers.Where(a => !a.IsAead)];
        var proposals = new List<T>(2);
        if (aeadCiphers.Length > 0)
        {
            proposals.Add(aead(aeadCiphers));
        }

        if (plainCiphers.Length > 0)
        {
            proposals.Add(plain(plainCiphers));
        }

        if (ciphers.Count > 0 && !ciphers[0].IsAead)
        {
            proposals.Reverse();
        }

        return proposals;
    }
}
