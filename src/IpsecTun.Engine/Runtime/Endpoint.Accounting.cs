using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IpsecTun.Eap.Radius;
using IpsecTun.Engine.Eap;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Engine.Runtime;

/// <summary>
/// RADIUS accounting (RFC 2866) of the sessions RADIUS authenticated, when the settings' accounting is on: Start
/// once the IKE SA is established, Interim-Update at the settings' interim-update, and Stop when the session
/// ends (a delete by either side, DPD, failure, shutdown). The session follows its IKE SA through IKE rekeys and
/// counts the traffic of every Child SA it had.
/// </summary>
public sealed partial class Endpoint
{
    /// <summary>How long a stopping endpoint waits for the servers to acknowledge the last Stop requests.</summary>
    private static readonly TimeSpan AccountingDrainTimeout = TimeSpan.FromSeconds(10);

    private void StartAccounting(IkeSaEntry entry)
    {
        if (entry.Sa.IsInitiator || RadiusAuthorizations.Take(entry.Sa) is not { } authorization || !Plan.Configuration.Settings.Accounting)
        {
            return;
        }

        IkeSa sa = entry.Sa;
        string name = entry.Peer?.Name ?? sa.Remote.ToString();
        string user = UserName(authorization.Accept) ?? sa.EapIdentity ?? "";
        string sessionId = string.Create(CultureInfo.InvariantCulture, $"{sa.InitiatorSpi:x16}{sa.ResponderSpi:x16}");
        var session = new RadiusAccountingSession(
            authorization.Backend.Client, sessionId, SessionAttributes(sa, user, authorization.Accept), Plan.Configuration.Settings.InterimUpdate, Time,
            (status, acknowledged) =>
            {
                if (acknowledged)
                {
                    AccountingLog.Acknowledged(_log, name, status, user, sessionId);
                }
                else
                {
                    AccountingLog.Unanswered(_log, name, status, user, sessionId);
                }
            });
        entry.Accounting = session;
        TrackChildren(entry);
        session.Start();
    }

    /// <summary>On the tick: an Interim-Update goes when due.</summary>
    private static void Account(IkeSaEntry entry)
    {
        if (entry.Accounting is { InterimDue: true } session)
        {
            session.Interim();
        }
    }

    /// <summary>Why the session of an IKE SA that is ending ends, from the event that ends it.</summary>
    private void NoteSessionEnd(IkeSaEntry entry, IkeSaEventKind kind)
    {
        if (entry.Accounting is { Cause: null } session)
        {
            session.Cause = kind switch
            {
                IkeSaEventKind.PeerDead => AccountingTerminateCause.LostCarrier,
                IkeSaEventKind.Failed => AccountingTerminateCause.NasError,
                _ => EndCause(entry),
            };
        }
    }

    /// <summary>
    /// The reason when no event gave one: this side deleted the SA (shutdown or an administrator), or the client
    /// did; an SA forgotten without a delete lost its client (INITIAL_CONTACT from its new SA).
    /// </summary>
    private AccountingTerminateCause EndCause(IkeSaEntry entry, bool forgotten = false) =>
        entry.DeletedLocally
            ? _stopping ? AccountingTerminateCause.AdminReboot : AccountingTerminateCause.AdminReset
            : forgotten ? AccountingTerminateCause.LostCarrier : AccountingTerminateCause.UserRequest;

    /// <summary>An IKE rekey moved the Child SAs to <paramref name="successor"/>: the session goes with them.</summary>
    private void MoveAccounting(IkeSaEntry replaced, IkeSaEntry successor)
    {
        successor.Accounting = replaced.Accounting;
        replaced.Accounting = null;
        TrackChildren(successor);
    }

    /// <summary>Sends the Stop of a session whose IKE SA left the table (or, at shutdown, is about to).</summary>
    private Task StopAccounting(IkeSaEntry entry, bool forgotten = false)
    {
        if (entry.Accounting is not { } session)
        {
            return Task.CompletedTask;
        }

        entry.Accounting = null;
        return session.Stop(EndCause(entry, forgotten));
    }

    /// <summary>At shutdown: every open session stops; the task ends when the servers have answered or given up.</summary>
    private Task StopAllAccounting() =>
        Task.WhenAll([.. _ikeSas.Values.Where(e => e.Accounting is not null).ToList().Select(e => StopAccounting(e))]);

    /// <summary>
    /// Counts the Child SAs the IKE SA has now in its session. Called after every call into the IKE SA, which is
    /// where Child SAs are installed, so that none carries traffic uncounted.
    /// </summary>
    private void TrackChildren(IkeSaEntry entry)
    {
        if (entry.Accounting is not { } session)
        {
            return;
        }

        foreach (ChildSaReference reference in entry.Sa.ChildSas)
        {
            if (ChildSas.Find(Esp.SaDirection.Inbound, reference.InboundSpi) is { } child)
            {
                session.Track(child.Inbound, child.Outbound);
            }
        }
    }

    /// <summary>
    /// User-Name (the one the Access-Accept gave, which RFC 2865 §5.1 says accounting should use), the NAS, the
    /// client's virtual IPv4 address, how the user was authenticated, and the Access-Accept's Class attributes,
    /// which RFC 2865 §5.25 asks to echo unchanged.
    /// </summary>
    private static List<RadiusAttribute> SessionAttributes(IkeSa sa, string user, RadiusPacket accept)
    {
        List<RadiusAttribute> attributes =
        [
            new(RadiusAttributeType.UserName, Encoding.UTF8.GetBytes(user)),
            sa.Local.Address.AddressFamily == AddressFamily.InterNetworkV6
                ? new(RadiusAttributeType.NasIpv6Address, sa.Local.Address.GetAddressBytes())
                : new(RadiusAttributeType.NasIpAddress, sa.Local.Address.MapToIPv4().GetAddressBytes()),
            .. RadiusBackend.NasAttributes(sa.Local, sa.Remote),
            new(RadiusAttributeType.AcctAuthentic, [0, 0, 0, 1]),
        ];
        if (sa.ModeConfig?.Addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) is { } framed)
        {
            attributes.Add(new(RadiusAttributeType.FramedIpAddress, framed.GetAddressBytes()));
        }

        attributes.AddRange(accept.Attributes.Where(a => a.Type == RadiusAttributeType.Class));
        return attributes;
    }

    private static string? UserName(RadiusPacket accept) =>
        accept.Attributes.FirstOrDefault(a => a.Type == RadiusAttributeType.UserName) is { Value.Length: > 0 } name
            ? Encoding.UTF8.GetString(name.Value)
            : null;
}
