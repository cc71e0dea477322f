using System.Net;
using System.Text;
using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Settings;

/// <summary>An IKE identity (ID payload contents): its type and the raw identification data.</summary>
public sealed class IkeIdentity
{
    public IkeIdentity(IdentificationType type, ReadOnlyMemory<byte> data)
    {
        Type = type;
        Data = data;
    }

    public IdentificationType Type { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public static IkeIdentity FromAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        IdentificationPayload payload = IdentificationPayload.FromAddress(PayloadType.IdInitiator, address);
        return new IkeIdentity(payload.IdType, payload.Data);
    }

    public static IkeIdentity FromFqdn(string fqdn) => new(IdentificationType.Fqdn, Encoding.ASCII.GetBytes(fqdn));

    public IdentificationPayload ToPayload(PayloadType type) => new(type, Type, Data);

    /// <summary>Exact match of type and data, as an ID check against a configured remote ID needs.</summary>
    public bool Matches(IdentificationPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload.IdType == Type && payload.Data.Span.SequenceEqual(Data.Span);
    }

    public override string ToString() => Type switch
    {
        IdentificationType.Fqdn or IdentificationType.Rfc822Address => Encoding.ASCII.GetString(Data.Span),
        IdentificationType.Ipv4Address or IdentificationType.Ipv6Address => new IPAddress(Data.Span).ToString(),
        _ => $"{Type}:{Convert.ToHexString(Data.Span)}",
    };
}
