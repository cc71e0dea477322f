namespace IpsecTun.Engine.Control;

/// <summary>
/// What a running endpoint offers its local control socket: the commands of the command line and the
/// read-only views of the manual's menus. Implemented by the endpoint; the control server only
/// marshals requests onto it, so commands behave the same whichever transport carries them.
/// </summary>
public interface IEndpointControl
{
    /// <summary>Brings up the peer's Child SAs (initiating when needed) and reports each phase as it is reached.</summary>
    Task<ConnectOutcome> ConnectAsync(string peer, IProgress<ConnectPhase> progress, CancellationToken cancellationToken);

    /// <summary>Deletes the peer's SAs and stops re-initiating it until the next connect; false when no such peer is configured.</summary>
    bool Disconnect(string peer);

    /// <summary>The rows of one menu, in the manual's property names; keys appear only with <paramref name="withKeys"/>.</summary>
    IReadOnlyList<ViewRow> Show(ViewMenu menu, bool withKeys);

    /// <summary>Loads the configuration again and swaps it in whole; tunnels whose settings did not change stay up.</summary>
    ReloadOutcome Reload();

    /// <summary>Deletes every IKE SA with its peer (the active-peers kill-connections command); returns how many.</summary>
    int KillConnections();

    /// <summary>Removes every installed SA (the installed-sa flush command); returns how many.</summary>
    int FlushSa();
}
