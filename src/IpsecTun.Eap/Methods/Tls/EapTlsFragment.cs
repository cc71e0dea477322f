using System.Buffers.Binary;

namespace IpsecTun.Eap.Methods.Tls;

/// <summary>
/// One EAP-TLS type-data fragment: Flags | TLS Message Length (4 bytes, only with the L flag) | TLS data.
/// </summary>
internal readonly ref struct EapTlsFragment
{
    public const byte VersionMask = 0x07;
    private const int LengthFieldLength = 4;

    private EapTlsFragment(EapTlsFlags flags, byte version, uint? messageLength, ReadOnlySpan<byte> data)
    {
        Flags = flags;
        Version = version;
        MessageLength = messageLength;
        Data = data;
    }

    public EapTlsFlags Flags { get; }

    public byte Version { get; }

    /// <summary>The total TLS message length the L flag announces, or null without it.</summary>
    public uint? MessageLength { get; }

    public ReadOnlySpan<byte> Data { get; }

    public bool HasMore => (Flags & EapTlsFlags.MoreFragments) != 0;

    public static bool TryParse(ReadOnlySpan<byte> typeData, out EapTlsFragment fragment)
    {
        fragment = default;
        if (typeData.IsEmpty)
        {
            return false;
        }

        var flags = (EapTlsFlags)(typeData[0] & ~VersionMask);
        byte version = (byte)(typeData[0] & VersionMask);
        if ((flags & EapTlsFlags.LengthIncluded) == 0)
        {
            fragment = new EapTlsFragment(flags, version, null, typeData[1..]);
            return true;
        }

        if (typeData.Length < 1 + LengthFieldLength)
        {
            return false;
        }

        fragment = new EapTlsFragment(
            flags, version, BinaryPrimitives.ReadUInt32BigEndian(typeData[1..]), typeData[(1 + LengthFieldLength)..]);
        return true;
    }

    /// <summary>Encodes one fragment; <paramref name="messageLength"/> sets the L flag and its field.</summary>
    public static byte[] Encode(EapTlsFlags flags, byte version, uint? messageLength, ReadOnlySpan<byte> data)
    {
        int header = messageLength is null ? 1 : 1 + LengthFieldLength;
        byte[] typeData = new byte[header + data.Length];
        typeData[0] = (byte)((byte)(flags | (messageLength is null ? EapTlsFlags.None : EapTlsFlags.LengthIncluded)) | (version & VersionMask));
        if (messageLength is uint length)
        {
            BinaryPrimitives.WriteUInt32BigEndian(typeData.AsSpan(1), length);
        }

        data.CopyTo(typeData.AsSpan(header));
        return typeData;
    }
}
