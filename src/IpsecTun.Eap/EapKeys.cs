using System.Security.Cryptography;

namespace IpsecTun.Eap;

/// <summary>
/// The keying material an EAP method exports (RFC 5247): the MSK, which IKEv2 uses for its AUTH payload, and
/// the EMSK, empty for methods that define none. Disposing zeroes both.
/// </summary>
public sealed class EapKeys : IDisposable
{
    private readonly byte[] _msk;
    private readonly byte[] _emsk;

    /// <summary>Takes ownership of both arrays.</summary>
    public EapKeys(byte[] msk, byte[] emsk)
    {
        _msk = msk;
        _emsk = emsk;
    }

    /// <summary>Splits 128 bytes of TLS-derived key material into MSK and EMSK (RFC 5216 §2.3) and zeroes it.</summary>
    internal static EapKeys FromKeyMaterial(byte[] material)
    {
        var keys = new EapKeys(material[..64], material[64..128]);
        CryptographicOperations.ZeroMemory(material);
        return keys;
    }

    public ReadOnlySpan<byte> Msk => _msk;

    public ReadOnlySpan<byte> Emsk => _emsk;

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_msk);
        CryptographicOperations.ZeroMemory(_emsk);
    }

    public override string ToString() => $"EAP keys (MSK {_msk.Length} bytes, EMSK {_emsk.Length} bytes)";
}
