using System.Buffers.Binary;

namespace IpsecTun.Eap.Radius;

/// <summary>
/// A RADIUS packet (RFC 2865 §3): Code, Identifier, Length, the 16-byte Authenticator and the attributes.
/// Parsing is strict and never throws: the Length must lie in 20..4096 and within the datagram, and the
/// attributes, each at least 2 bytes long, must fill it exactly.
/// </summary>
public sealed class RadiusPacket
{
    public const int HeaderLength = 20;
    public const int AuthenticatorLength = 16;
    public const int MaxLength = 4096;

    private readonly byte[] _authenticator;

    public RadiusPacket(RadiusCode code, byte identifier, ReadOnlySpan<byte> authenticator, IReadOnlyList<RadiusAttribute> attributes)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(authenticator.Length, AuthenticatorLength, nameof(authenticator));
        ArgumentNullException.ThrowIfNull(attributes);
        Code = code;
        Identifier = identifier;
        _authenticator = authenticator.ToArray();
        Attributes = attributes;
        Length = HeaderLength + attributes.Sum(attribute => attribute.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Length, MaxLength, nameof(attributes));
    }

    public RadiusCode Code { get; }

    public byte Identifier { get; }

    public ReadOnlySpan<byte> Authenticator => _authenticator;

    public IReadOnlyList<RadiusAttribute> Attributes { get; }

    public int Length { get; }

    public static bool TryParse(ReadOnlySpan<byte> source, out RadiusPacket? packet)
    {
        packet = null;
        if (source.Length < HeaderLength)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        if (length < HeaderLength || length > MaxLength || length > source.Length)
        {
            return false;
        }

        var attributes = new List<RadiusAttribute>();
        var rest = source[HeaderLength..length];
        while (!rest.IsEmpty)
        {
            if (rest.Length < RadiusAttribute.HeaderLength || rest[1] < RadiusAttribute.HeaderLength || rest[1] > rest.Length)
            {
                return false;
            }

            attributes.Add(new RadiusAttribute((RadiusAttributeType)rest[0], rest[RadiusAttribute.HeaderLength..rest[1]]));
            rest = rest[rest[1]..];
        }

        packet = new RadiusPacket((RadiusCode)source[0], source[1], source.Slice(4, AuthenticatorLength), attributes);
        return true;
    }

    public int WriteTo(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length, nameof(destination));
        destination[0] = (byte)Code;
        destination[1] = Identifier;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)Length);
        _authenticator.CopyTo(destination[4..]);
        int offset = HeaderLength;
        foreach (var attribute in Attributes)
        {
            offset += attribute.WriteTo(destination[offset..]);
        }

        return offset;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    public override string ToString() => $"RADIUS {Code} id={Identifier} ({Attributes.Count} attributes)";
}
