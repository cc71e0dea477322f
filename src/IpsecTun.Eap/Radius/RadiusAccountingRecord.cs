using System.Buffers.Binary;
using System.Text;

namespace IpsecTun.Eap.Radius;

/// <summary>
/// What one Accounting-Request reports about a session (RFC 2866 §5, RFC 2869 §5.1-2 for the gigaword
/// counters): the attributes are produced by <see cref="ToAttributes"/>; byte counts above 4 GiB carry their
/// high 32 bits in Acct-Input/Output-Gigawords.
/// </summary>
public sealed record RadiusAccountingRecord(
    AccountingStatusType Status,
    string SessionId,
    ulong InputOctets = 0,
    ulong OutputOctets = 0,
    uint InputPackets = 0,
    uint OutputPackets = 0,
    uint SessionSeconds = 0,
    AccountingTerminateCause? TerminateCause = null)
{
    /// <summary>The accounting attributes; the caller adds User-Name, NAS and Framed-IP-Address attributes.</summary>
    public IReadOnlyList<RadiusAttribute> ToAttributes()
    {
        var attributes = new List<RadiusAttribute>
        {
            Integer(RadiusAttributeType.AcctStatusType, (uint)Status),
            new(RadiusAttributeType.AcctSessionId, Encoding.UTF8.GetBytes(SessionId)),
        };
        if (Status == AccountingStatusType.Start)
        {
            return attributes;
        }

        attributes.Add(Integer(RadiusAttributeType.AcctInputOctets, (uint)InputOctets));
        attributes.Add(Integer(RadiusAttributeType.AcctOutputOctets, (uint)OutputOctets));
        attributes.Add(Integer(RadiusAttributeType.AcctInputGigawords, (uint)(InputOctets >> 32)));
        attributes.Add(Integer(RadiusAttributeType.AcctOutputGigawords, (uint)(OutputOctets >> 32)));
        attributes.Add(Integer(RadiusAttributeType.AcctInputPackets, InputPackets));
        attributes.Add(Integer(RadiusAttributeType.AcctOutputPackets, OutputPackets));
        attributes.Add(Integer(RadiusAttributeType.AcctSessionTime, SessionSeconds));
        if (Status == AccountingStatusType.Stop && TerminateCause is { } cause)
        {
            attributes.Add(Integer(RadiusAttributeType.AcctTerminateCause, (uint)cause));
        }

        return attributes;
    }

    private static RadiusAttribute Integer(RadiusAttributeType type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new RadiusAttribute(type, bytes);
    }
}
