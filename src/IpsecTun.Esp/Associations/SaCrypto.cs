using IpsecTun.Crypto;

namespace IpsecTun.Esp;

/// <summary>One worker's keyed transforms of one SA: the crypto instances are single-threaded, so each worker has its own.</summary>
internal sealed class SaCrypto(PacketCipher? cipher, PacketAuthenticator? authenticator) : IDisposable
{
    public PacketCipher? Cipher { get; } = cipher;

    public PacketAuthenticator? Authenticator { get; } = authenticator;

    public void Dispose()
    {
        Cipher?.Dispose();
        Authenticator?.Dispose();
    }
}
