using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods.Peap;

/// <summary>
/// PEAPv0 crypto binding (MS-PEAP §3.1.5.5, §3.1.5.7), which ties the inner authentication to the TLS tunnel so
/// that a relay between a peer and a server cannot splice the two. From the tunnel key TK (the first 60 bytes of
/// TLS-PRF "client EAP encryption") and the inner method's keys (ISK): IPMK | CMK = PRF+(first 40 bytes of TK,
/// "Inner Methods Compound Keys" | ISK, 60); the Compound MAC of a Cryptobinding TLV is HMAC-SHA1(CMK, TLV with
/// the MAC zeroed | EAP type 25); once both sides have proven it, MSK | EMSK = PRF+(IPMK, "Session Key Generating
/// Function" | 0x00, 128). Disposing zeroes the keys.
/// </summary>
internal sealed class PeapCryptoBinding : IDisposable
{
    /// <summary>The whole TLV: type and length (4 bytes), Reserved, Version, RecvVersion, SubType, Nonce (32), Compound MAC (20).</summary>
    public const int TlvLength = 60;
    public const int NonceLength = 32;
    public const byte RequestSubType = 0;
    public const byte ResponseSubType = 1;
    public const ushort TlvType = 12;

    private const int TempKeyLength = 40;
    private const int IskLength = 32;
    private const int IpmkLength = 40;
    private const int CmkLength = 20;
    private const int SubTypeOffset = 7;
    private const int NonceOffset = 8;
    private const int MacOffset = NonceOffset + NonceLength;

    private static readonly byte[] IpmkLabel = Encoding.ASCII.GetBytes("Inner Methods Compound Keys");
    private static readonly byte[] CskSeed = [.. Encoding.ASCII.GetBytes("Session Key Generating Function"), 0];

    private readonly byte[] _ipmk;
    private readonly byte[] _cmk;

    private PeapCryptoBinding(byte[] imck)
    {
        _ipmk = imck[..IpmkLength];
        _cmk = imck[IpmkLength..];
        CryptographicOperations.ZeroMemory(imck);
    }

    /// <summary>
    /// Derives IPMK and CMK from the TLS key material and the keys of the inner method (null for one that derives
    /// none). The ISK is the first 32 bytes of the inner MSK, zero-padded (MS-PEAP §3.1.5.5.2.2: the server's
    /// MS-MPPE-Recv-Key | MS-MPPE-Send-Key, which is how EAP-MSCHAPv2's MSK begins).
    /// </summary>
    public static PeapCryptoBinding Derive(ReadOnlySpan<byte> tlsKeyMaterial, EapKeys? innerKeys)
    {
        byte[] seed = new byte[IpmkLabel.Length + IskLength];
        IpmkLabel.CopyTo(seed, 0);
        var msk = innerKeys is null ? [] : innerKeys.Msk;
        msk[..Math.Min(IskLength, msk.Length)].CopyTo(seed.AsSpan(IpmkLabel.Length));
        byte[] imck = PeapPrfPlus.Derive(tlsKeyMaterial[..TempKeyLength], seed, IpmkLength + CmkLength);
        CryptographicOperations.ZeroMemory(seed);
        return new PeapCryptoBinding(imck);
    }

    /// <summary>A Cryptobinding TLV of <paramref name="subType"/> with <paramref name="nonce"/> and its Compound MAC.</summary>
    public byte[] Tlv(byte subType, ReadOnlySpan<byte> nonce)
    {
        byte[] tlv = new byte[TlvLength];
        BinaryPrimitives.WriteUInt16BigEndian(tlv, TlvType);
        BinaryPrimitives.WriteUInt16BigEndian(tlv.AsSpan(2), TlvLength - 4);
        tlv[SubTypeOffset] = subType;
        nonce.CopyTo(tlv.AsSpan(NonceOffset, NonceLength));
        CompoundMac(tlv, tlv.AsSpan(MacOffset));
        return tlv;
    }

    /// <summary>
    /// Whether <paramref name="tlv"/> is a version 0 Cryptobinding TLV of <paramref name="subType"/> whose Compound MAC
    /// this side computes too (compared in constant time).
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> tlv, byte subType)
    {
        if (tlv.Length != TlvLength
            || (BinaryPrimitives.ReadUInt16BigEndian(tlv) & 0x3FFF) != TlvType
            || BinaryPrimitives.ReadUInt16BigEndian(tlv[2..]) != TlvLength - 4
            || tlv[5] != 0
            || tlv[SubTypeOffset] != subType)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[CmkLength];
        CompoundMac(tlv, expected);
        return CryptographicOperations.FixedTimeEquals(expected, tlv.Slice(MacOffset, CmkLength));
    }

    /// <summary>The nonce of a Cryptobinding TLV (after <see cref="Verify"/> has checked its shape).</summary>
    public static ReadOnlySpan<byte> NonceOf(ReadOnlySpan<byte> tlv) => tlv.Slice(NonceOffset, NonceLength);

    /// <summary>MSK | EMSK from the Compound Session Key, for a method whose binding both sides have proven.</summary>
    public EapKeys SessionKeys() => EapKeys.FromKeyMaterial(PeapPrfPlus.Derive(_ipmk, CskSeed, 128));

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_ipmk);
        CryptographicOperations.ZeroMemory(_cmk);
    }

    [SuppressMessage("Security", "CA5350", Justification = "MS-PEAP defines the Compound MAC as HMAC-SHA1-160.")]
    private void CompoundMac(ReadOnlySpan<byte> tlv, Span<byte> mac)
    {
        Span<byte> data = stackalloc byte[TlvLength + 1];
        tlv[..MacOffset].CopyTo(data);
        data.Slice(MacOffset, CmkLength).Clear();
        data[TlvLength] = (byte)EapType.Peap;
        HMACSHA1.HashData(_cmk, data, mac);
    }
}
