using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

#pragma warning disable CA5350 // SHA-1 and DES are what RFC 2759 and RFC 3079 define; nothing here is a choice.

namespace IpsecTun.Eap.Methods.MsChapV2;

/// <summary>
/// The MS-CHAPv2 computations of RFC 2759 §8 and the MPPE master keys of RFC 3079 §3, named as there.
/// Intermediate secrets are zeroed before returning.
/// </summary>
internal static class MsChapV2Crypto
{
    public const int ChallengeLength = 16;
    public const int NtResponseLength = 24;
    public const int AuthenticatorResponseLength = 20;
    public const int MskLength = 64;
    private const int HashLength = 16;

    private static readonly byte[] ServerSigningMagic = "Magic server to client signing constant"u8.ToArray();
    private static readonly byte[] ServerSigningPad = "Pad to make it do more than one iteration"u8.ToArray();
    private static readonly byte[] MasterKeyMagic = "This is the MPPE Master Key"u8.ToArray();
    private static readonly byte[] ClientSendServerReceiveMagic =
        "On the client side, this is the send key; on the server side, it is the receive key."u8.ToArray();
    private static readonly byte[] ClientReceiveServerSendMagic =
        "On the client side, this is the receive key; on the server side, it is the send key."u8.ToArray();

    /// <summary>MD4 of the password in UTF-16LE.</summary>
    public static byte[] NtPasswordHash(ReadOnlySpan<char> password)
    {
        byte[] unicode = new byte[Encoding.Unicode.GetByteCount(password)];
        Encoding.Unicode.GetBytes(password, unicode);
        try
        {
            return Md4(unicode);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(unicode);
        }
    }

    public static byte[] HashNtPasswordHash(ReadOnlySpan<byte> passwordHash) => Md4(passwordHash);

    /// <summary>
    /// The user name that enters the challenge hash: the name without a leading "DOMAIN\" (RFC 2759 §4), as
    /// Windows and strongSwan strip it.
    /// </summary>
    public static byte[] ChallengeUserName(ReadOnlySpan<byte> name)
    {
        int backslash = name.LastIndexOf((byte)'\\');
        return name[(backslash + 1)..].ToArray();
    }

    public static byte[] ChallengeHash(ReadOnlySpan<byte> peerChallenge, ReadOnlySpan<byte> authenticatorChallenge, ReadOnlySpan<byte> userName)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(peerChallenge);
        sha.AppendData(authenticatorChallenge);
        sha.AppendData(userName);
        return sha.GetHashAndReset()[..8];
    }

    /// <summary>The 24-byte response: the challenge DES-encrypted under three 7-byte slices of the zero-padded hash.</summary>
    public static byte[] ChallengeResponse(ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> passwordHash)
    {
        Span<byte> padded = stackalloc byte[21];
        Span<byte> key = stackalloc byte[8];
        passwordHash.CopyTo(padded);
        byte[] response = new byte[NtResponseLength];
        var des = new DesEngine();
        for (int i = 0; i < 3; i++)
        {
            ExpandDesKey(padded.Slice(7 * i, 7), key);
            des.Init(true, new KeyParameter(key));
            des.ProcessBlock(challenge, response.AsSpan(8 * i, 8));
        }

        CryptographicOperations.ZeroMemory(padded);
        CryptographicOperations.ZeroMemory(key);
        return response;
    }

    public static byte[] GenerateNtResponse(
        ReadOnlySpan<byte> authenticatorChallenge, ReadOnlySpan<byte> peerChallenge, ReadOnlySpan<byte> userName, ReadOnlySpan<byte> passwordHash)
    {
        byte[] challenge = ChallengeHash(peerChallenge, authenticatorChallenge, userName);
        return ChallengeResponse(challenge, passwordHash);
    }

    /// <summary>The 20 bytes whose upper-case hex follows "S=" in the Success message (RFC 2759 §8.7).</summary>
    public static byte[] GenerateAuthenticatorResponse(
        ReadOnlySpan<byte> passwordHash, ReadOnlySpan<byte> ntResponse, ReadOnlySpan<byte> peerChallenge,
        ReadOnlySpan<byte> authenticatorChallenge, ReadOnlySpan<byte> userName)
    {
        byte[] passwordHashHash = HashNtPasswordHash(passwordHash);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(passwordHashHash);
        sha.AppendData(ntResponse);
        sha.AppendData(ServerSigningMagic);
        byte[] digest = sha.GetHashAndReset();
        CryptographicOperations.ZeroMemory(passwordHashHash);

        sha.AppendData(digest);
        sha.AppendData(ChallengeHash(peerChallenge, authenticatorChallenge, userName));
        sha.AppendData(ServerSigningPad);
        return sha.GetHashAndReset();
    }

    /// <summary>RFC 3079 §3.4 GetMasterKey.</summary>
    public static byte[] GetMasterKey(ReadOnlySpan<byte> passwordHashHash, ReadOnlySpan<byte> ntResponse)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(passwordHashHash);
        sha.AppendData(ntResponse);
        sha.AppendData(MasterKeyMagic);
        byte[] digest = sha.GetHashAndReset();
        byte[] masterKey = digest[..HashLength];
        CryptographicOperations.ZeroMemory(digest);
        return masterKey;
    }

    /// <summary>RFC 3079 §3.4 GetAsymmetricStartKey for a 128-bit key.</summary>
    public static byte[] GetAsymmetricStartKey(ReadOnlySpan<byte> masterKey, bool isSend, bool isServer)
    {
        var magic = isSend == isServer ? ClientReceiveServerSendMagic : ClientSendServerReceiveMagic;
        Span<byte> pad = stackalloc byte[40];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(masterKey);
        pad.Clear();
        sha.AppendData(pad);
        sha.AppendData(magic);
        pad.Fill(0xF2);
        sha.AppendData(pad);
        byte[] digest = sha.GetHashAndReset();
        byte[] key = digest[..HashLength];
        CryptographicOperations.ZeroMemory(digest);
        return key;
    }

    /// <summary>
    /// The EAP-MSCHAPv2 MSK as IKEv2 uses it, identical on both sides: the authenticator's MasterReceiveKey,
    /// then its MasterSendKey, then 32 zero bytes (the layout of Windows and strongSwan, and of the
    /// MS-MPPE-Recv-Key/Send-Key pair a RADIUS server returns).
    /// </summary>
    public static byte[] Msk(ReadOnlySpan<byte> passwordHash, ReadOnlySpan<byte> ntResponse)
    {
        byte[] passwordHashHash = HashNtPasswordHash(passwordHash);
        byte[] masterKey = GetMasterKey(passwordHashHash, ntResponse);
        byte[] receive = GetAsymmetricStartKey(masterKey, isSend: false, isServer: true);
        byte[] send = GetAsymmetricStartKey(masterKey, isSend: true, isServer: true);
        byte[] msk = new byte[MskLength];
        receive.CopyTo(msk, 0);
        send.CopyTo(msk, HashLength);
        CryptographicOperations.ZeroMemory(passwordHashHash);
        CryptographicOperations.ZeroMemory(masterKey);
        CryptographicOperations.ZeroMemory(receive);
        CryptographicOperations.ZeroMemory(send);
        return msk;
    }

    private static byte[] Md4(ReadOnlySpan<byte> input)
    {
        var md4 = new MD4Digest();
        md4.BlockUpdate(input);
        byte[] hash = new byte[HashLength];
        md4.DoFinal(hash);
        return hash;
    }

    /// <summary>Spreads 56 key bits over 8 bytes, seven per byte in the high bits; DES ignores the parity bit.</summary>
    private static void ExpandDesKey(ReadOnlySpan<byte> key56, Span<byte> key64)
    {
        ulong bits = 0;
        foreach (byte b in key56)
        {
            bits = (bits << 8) | b;
        }

        for (int i = 0; i < 8; i++)
        {
            key64[i] = (byte)(((bits >> (49 - (7 * i))) & 0x7F) << 1);
        }
    }
}
