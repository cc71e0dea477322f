namespace IpsecTun.Ike.Sa;

/// <summary>What the host has to do after one call into an <see cref="IkeSa"/>.</summary>
public sealed class IkeSaOutput
{
    public List<OutboundDatagram> Datagrams { get; } = [];

    public List<IkeSaEvent> Events { get; } = [];

    internal void Log(string message) => Events.Add(new IkeSaEvent(IkeSaEventKind.Log, message));

    internal void Raise(IkeSaEventKind kind, string message) => Events.Add(new IkeSaEvent(kind, message));
}
