namespace IpsecTun.Config;

/// <summary>
/// The <c>ipsectun</c> section: what a user-space endpoint needs and a router does not (its adapter, its
/// sockets, the size of its replay window, whether its SAs use extended sequence numbers, where its control socket lives).
/// </summary>
/// <param name="ReplayWindow">Anti-replay window size in packets; 0 turns replay checking off.</param>
/// <param name="IkeFragmentSize">Largest IKE message before IKEv2 fragmentation (RFC 7383) splits it.</param>
/// <param name="Control">Path of the control socket (a named pipe on Windows).</param>
public sealed record EndpointSettings(InterfaceSettings Interface, int ReplayWindow, int IkeFragmentSize, ListenSettings Listen, string Control)
{
    /// <summary>
    /// How long an IKE request waits for its answer before the first retransmission; each later wait is twice
    /// the one before (strongSwan's retransmit_timeout, with base 2).
    /// </summary>
    public TimeSpan IkeRetransmitTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Retransmissions of an unanswered IKE request before the peer is declared dead (strongSwan's retransmit_tries).</summary>
    public int IkeRetransmitTries { get; init; } = 5;

    /// <summary>
    /// Whether every Child SA (ESP and AH) negotiates extended sequence numbers; no by default, since RouterOS has no
    /// such setting and strongSwan's libipsec does without them.
    /// </summary>
    public ExtendedSequenceNumberUse ExtendedSequenceNumbers { get; init; } = ExtendedSequenceNumberUse.No;

    /// <summary>Where the control socket is when nothing says otherwise.</summary>
    public static string DefaultControl => OperatingSystem.IsWindows() ? @"\\.\pipe\ipsectun" : "/run/ipsectun/ipsectun.sock";
}
