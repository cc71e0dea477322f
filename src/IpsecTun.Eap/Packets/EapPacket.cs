using System.Buffers.Binary;

namespace IpsecTun.Eap.Packets;

/// <summary>
/// One EAP packet (RFC 3748 §4): Code, Identifier, Length and, for Requests and Responses, the Type and its
/// data. Parsing is strict and never throws: a Length that disagrees with the buffer, a Success or Failure
/// with data, a Request or Response without a Type, and expanded types (254, which this implementation does
/// not speak) are refused. The type data is copied out, so the packet outlives the receive buffer.
/// </summary>
public sealed class EapPacket
{
    public const int HeaderLength = 4;
    public const int MaxLength = ushort.MaxValue;

    private readonly byte[] _typeData;

    private EapPacket(EapCode code, byte identifier, EapType type, byte[] typeData)
    {
        Code = code;
        Identifier = identifier;
        Type = type;
        _typeData = typeData;
    }

    public EapCode Code { get; }

    public byte Identifier { get; }

    /// <summary>The method type of a Request or Response; 0 for Success and Failure, which carry none.</summary>
    public EapType Type { get; }

    public ReadOnlySpan<byte> TypeData => _typeData;

    public bool HasType => Code is EapCode.Request or EapCode.Response;

    /// <summary>The packet's Length field: the whole encoded packet.</summary>
    public int Length => HasType ? HeaderLength + 1 + _typeData.Length : HeaderLength;

    public static EapPacket Request(byte identifier, EapType type, ReadOnlySpan<byte> typeData) =>
        WithType(EapCode.Request, identifier, type, typeData);

    public static EapPacket Response(byte identifier, EapType type, ReadOnlySpan<byte> typeData) =>
        WithType(EapCode.Response, identifier, type, typeData);

    public static EapPacket Success(byte identifier) => new(EapCode.Success, identifier, 0, []);

    public static EapPacket Failure(byte identifier) => new(EapCode.Failure, identifier, 0, []);

    /// <summary>
    /// Reads one packet from the start of <paramref name="source"/>. Octets beyond the Length field are
    /// link padding (RFC 3748 §4.1) and are not consumed.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> source, out EapPacket? packet, out int consumed)
    {
        packet = null;
        consumed = 0;
        if (source.Length < HeaderLength)
        {
            return false;
        }

        var code = (EapCode)source[0];
        int length = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        if (length < HeaderLength || length > source.Length)
        {
            return false;
        }

        switch (code)
        {
            case EapCode.Success or EapCode.Failure when length == HeaderLength:
                packet = new EapPacket(code, source[1], 0, []);
                break;
            case EapCode.Request or EapCode.Response when length > HeaderLength:
                var type = (EapType)source[HeaderLength];
                if (type is 0 or EapType.Expanded)
                {
                    return false;
                }

                packet = new EapPacket(code, source[1], type, source[(HeaderLength + 1)..length].ToArray());
                break;
            default:
                return false;
        }

        consumed = length;
        return true;
    }

    /// <summary>Encodes the packet; returns the number of bytes written (<see cref="Length"/>).</summary>
    public int WriteTo(Span<byte> destination)
    {
        int length = Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, length, nameof(destination));
        destination[0] = (byte)Code;
        destination[1] = Identifier;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
        if (HasType)
        {
            destination[HeaderLength] = (byte)Type;
            _typeData.CopyTo(destination[(HeaderLength + 1)..]);
        }

        return length;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Names the packet without its data, which may hold a password (EAP-GTC).</summary>
    public override string ToString() =>
        HasType ? $"EAP {Code} id={Identifier} type={Type} ({_typeData.Length} bytes)" : $"EAP {Code} id={Identifier}";

    private static EapPacket WithType(EapCode code, byte identifier, EapType type, ReadOnlySpan<byte> typeData)
    {
        if (type is 0 or EapType.Expanded)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Expanded types are not supported.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(typeData.Length, MaxLength - HeaderLength - 1, nameof(typeData));
        return new EapPacket(code, identifier, type, typeData.ToArray());
    }
}
