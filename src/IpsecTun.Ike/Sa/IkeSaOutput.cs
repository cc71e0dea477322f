namespace IpsecTun.Ike.Sa;

/// <summary>What the host has to do after one call into an <see cref="IkeSa"/>.</summary>
public sealed class IkeSaOutput
{
    public List<OutboundDatagram> Datagrams { get; } = [];

    public List<IkeSaEvent> Events { get; } = [];

    /// <summary>
    /// IKE SAs this call created to replace one (a rekey, RFC 7296 §2.18, or a reauthentication, §2.8.3):
    /// the host routes messages with their SPIs to them from now on and feeds them ticks, while the old SA
    /// keeps receiving until it is closed.
    /// </summary>
    public List<IkeSa> CreatedIkeSas { get; } = [];

    internal void Log(string message) => Events.Add(new IkeSaEvent(IkeSaEventKind.Log, message));

    internal void Raise(IkeSaEventKind kind, string message, IkeSaFailureKind? failure = null) => Events.Add(new IkeSaEvent(kind, message, failure));

    /// <summary>Adds what another SA's call produced within this one.</summary>
    internal void Append(IkeSaOutput other)
    {
        Datagrams.AddRange(other.Datagrams);
        Events.AddRange(other.Events);
        CreatedIkeSas.AddRange(other.CreatedIkeSas);
    }
}
