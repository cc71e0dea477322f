namespace IpsecTun.Esp;

/// <summary>What ran out.</summary>
public enum LifetimeMeasure
{
    Time,
    Bytes,

    /// <summary>The sequence number space (RFC 4303 §3.3.3: a counter never cycles; the SA must be rekeyed).</summary>
    SequenceNumbers,
}
