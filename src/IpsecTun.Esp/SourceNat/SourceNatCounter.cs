namespace IpsecTun.Esp;

/// <summary>The source NAT's counters.</summary>
public enum SourceNatCounter
{
    /// <summary>Packets from an inside network rewritten to the translated address.</summary>
    OutboundTranslated,

    /// <summary>Packets to the translated address rewritten back to an inside host.</summary>
    InboundTranslated,

    /// <summary>ICMP errors whose quoted packet belonged to a translated flow (counted in a direction's total too).</summary>
    IcmpErrorsTranslated,

    /// <summary>Dropped: a header too short or inconsistent to translate.</summary>
    Malformed,

    /// <summary>Dropped: an IP fragment from an inside host; fragments carry no ports to map.</summary>
    Fragments,

    /// <summary>Dropped: a protocol or ICMP type from an inside host that has no connection to map (not TCP, UDP or ICMP echo).</summary>
    Unsupported,

    /// <summary>Dropped: an ICMP error from an inside host about a flow the table does not hold.</summary>
    NoConnection,

    /// <summary>Dropped: a new flow found the table full of connections too recently used to evict.</summary>
    TableFull,

    /// <summary>Dropped: a new flow collided and no free port or query id was found in the remap range.</summary>
    NoPortAvailable,

    /// <summary>Connections removed after their idle timeout.</summary>
    Expired,

    /// <summary>Connections removed before their timeout to make room for a new flow (oldest idle first).</summary>
    Evicted,
}
