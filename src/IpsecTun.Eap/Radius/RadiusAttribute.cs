namespace IpsecTun.Eap.Radius;

/// <summary>One RADIUS attribute: Type, Length and 1-253 bytes of Value (RFC 2865 §5).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "RFC 2865 calls it an attribute; it is not a .NET attribute.")]
public sealed class RadiusAttribute
{
    public const int HeaderLength = 2;
    public const int MaxValueLength = byte.MaxValue - HeaderLength;

    private readonly byte[] _value;

    public RadiusAttribute(RadiusAttributeType type, ReadOnlySpan<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, MaxValueLength, nameof(value));
        Type = type;
        _value = value.ToArray();
    }

    public RadiusAttributeType Type { get; }

    public ReadOnlySpan<byte> Value => _value;

    public int Length => HeaderLength + _value.Length;

    public int WriteTo(Span<byte> destination)
    {
        destination[0] = (byte)Type;
        destination[1] = (byte)Length;
        _value.CopyTo(destination[HeaderLength..]);
        return Length;
    }

    /// <summary>Names the attribute without its value, which may be a key or a password.</summary>
    public override string ToString() => $"{Type} ({_value.Length} bytes)";
}
