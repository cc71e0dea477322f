namespace IpsecTun.Eap.Radius;

/// <summary>
/// What to do when a RADIUS request times out: retransmit to the same server up to
/// <c>attemptsPerServer</c> sends, then fail over to the next configured server, then give up. The server
/// that answered stays selected for later requests. Timing is the caller's; this only counts.
/// </summary>
public sealed class RadiusRetransmission
{
    private readonly int _serverCount;
    private readonly int _attemptsPerServer;
    private int _sends = 1;

    public RadiusRetransmission(int serverCount, int attemptsPerServer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serverCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsPerServer, 1);
        _serverCount = serverCount;
        _attemptsPerServer = attemptsPerServer;
    }

    /// <summary>The index of the server requests go to.</summary>
    public int ServerIndex { get; private set; }

    /// <param name="canFailOver">Whether the request may move to another server (<see cref="RadiusEapRelay.CanFailOver"/>).</param>
    public RadiusTimeoutAction OnTimeout(bool canFailOver)
    {
        if (_sends < _attemptsPerServer)
        {
            _sends++;
            return RadiusTimeoutAction.Retransmit;
        }

        if (canFailOver && ServerIndex + 1 < _serverCount)
        {
            ServerIndex++;
            _sends = 1;
            return RadiusTimeoutAction.FailOver;
        }

        return RadiusTimeoutAction.GiveUp;
    }

    /// <summary>A verified answer arrived: the next request starts with a fresh count.</summary>
    public void OnAnswer() => _sends = 1;
}
