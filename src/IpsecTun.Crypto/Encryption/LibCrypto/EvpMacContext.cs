using Microsoft.Win32.SafeHandles;

namespace IpsecTun.Crypto;

/// <summary>
/// One keyed EVP_MAC_CTX. Freeing it makes libcrypto cleanse its copy of the key and the keyed hash states.
/// </summary>
internal sealed class EvpMacContext : SafeHandleZeroOrMinusOneIsInvalid
{
    public EvpMacContext()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        LibCrypto.MacContextFree(handle);
        return true;
    }
}
