namespace IpsecTun.Esp;

/// <summary>How far a translated TCP connection has got, which decides its idle timeout.</summary>
internal enum TcpFlowState : byte
{
    /// <summary>Seen leaving only; nothing came back yet.</summary>
    Opening,
    Established,

    /// <summary>A FIN was seen in either direction.</summary>
    Closing,

    /// <summary>An RST was seen in either direction.</summary>
    Reset,
}
