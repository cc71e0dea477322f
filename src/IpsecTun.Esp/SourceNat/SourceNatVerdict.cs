namespace IpsecTun.Esp;

/// <summary>What the source NAT did with a packet.</summary>
public enum SourceNatVerdict
{
    /// <summary>The packet is not subject to translation (another family, not from or to a translated flow): pass it on as it is.</summary>
    Unchanged,

    /// <summary>The packet was rewritten in place.</summary>
    Translated,

    /// <summary>The packet must be dropped; <see cref="SourceNatStatistics"/> says why.</summary>
    Dropped,
}
