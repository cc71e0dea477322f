namespace IpsecTun.Esp;

/// <summary>
/// One translated connection as stored in the table's preallocated array. For ICMP echo the ports are
/// the query id (inside and external) and zero for the remote. Links are array indexes, -1 for none.
/// </summary>
internal struct NatConnection
{
    public byte Protocol;
    public TcpFlowState TcpState;
    public uint InsideAddress;
    public ushort InsidePort;
    public uint RemoteAddress;
    public ushort RemotePort;
    public ushort ExternalPort;
    public long LastUsedTicks;

    /// <summary>Next in the inside-key bucket, or the next free slot while not in use.</summary>
    public int InsideNext;

    public int OutsideNext;
    public int Older;
    public int Newer;
}
