namespace IpsecTun.Ike.Messages;

/// <summary>
/// The Configuration payload CP (RFC 7296 §3.15): mode-config requests, replies, sets and acks.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C| RESERVED    |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   CFG Type    |                    RESERVED                   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// ~                   Configuration Attributes                    ~
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class ConfigurationPayload : Payload
{
    private const int FixedSize = 4;

    public ConfigurationPayload(ConfigurationType configurationType, IReadOnlyList<ConfigurationAttribute> attributes)
        : base(PayloadType.Configuration)
    {
        ConfigurationType = configurationType;
        Attributes = attributes;
    }

    public ConfigurationType ConfigurationType { get; }

    public IReadOnlyList<ConfigurationAttribute> Attributes { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out ConfigurationPayload? payload, out int consumed) =>
        PayloadHeader.TryParsePayload(data, ParseBody, out payload, out consumed);

    public override int GetBodySize() => FixedSize + Attributes.Sum(a => a.GetSize());

    public override void WriteBody(Span<byte> destination)
    {
        destination[0] = (byte)ConfigurationType;
        destination[1..FixedSize].Clear();
        int offset = FixedSize;
        foreach (ConfigurationAttribute attribute in Attributes)
        {
            offset += attribute.WriteTo(destination[offset..]);
        }
    }

    private static ConfigurationPayload? ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.Length < FixedSize || body[0] is < (byte)ConfigurationType.Request or > (byte)ConfigurationType.Acknowledge)
        {
            return null;
        }

        var attributes = new List<ConfigurationAttribute>();
        ReadOnlySpan<byte> rest = body[FixedSize..];
        while (!rest.IsEmpty)
        {
            if (!ConfigurationAttribute.TryParse(rest, out ConfigurationAttribute? attribute, out int used))
            {
                return null;
            }

            attributes.Add(attribute);
            rest = rest[used..];
        }

        return new ConfigurationPayload((ConfigurationType)body[0], attributes);
    }
}
