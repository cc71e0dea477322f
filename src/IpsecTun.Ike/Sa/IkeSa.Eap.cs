using System.Net;
using IpsecTun.Ike.Eap;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tasks;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// EAP in IKE_AUTH at the responder: the conversation spans several requests, and an EAP server that answers
/// later (RADIUS) leaves the current request unanswered until the host calls <see cref="ResumeEap"/>.
/// </summary>
public sealed partial class IkeSa
{
    private (IkeTask Task, uint MessageId, byte[] Request)? _awaitingEap;

    /// <summary>At a responder after EAP, the identity the user authenticated as.</summary>
    public string? EapIdentity { get; internal set; }

    /// <summary>At a responder after EAP, the virtual address the authentication server assigned (RADIUS Framed-IP-Address).</summary>
    public IPAddress? EapAssignedAddress { get; internal set; }

    /// <summary>The EAP conversation in progress at a responder; each IKE_AUTH request goes to it.</summary>
    internal EapResponderTask? EapResponder { get; set; }

    /// <summary>Whether the request with <paramref name="messageId"/> waits for the EAP server (a retransmission of it is dropped).</summary>
    private bool AwaitsEap(uint messageId) => _awaitingEap?.MessageId == messageId;

    /// <summary>
    /// Hands the IKE SA the round an <see cref="IEapAuthenticator"/> answered <see cref="EapRoundKind.Pending"/> for,
    /// and sends the IKE_AUTH response it completes. Ignored when nothing waits (the SA ended meanwhile).
    /// </summary>
    public IkeSaOutput ResumeEap(EapRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var output = new IkeSaOutput();
        if (_awaitingEap is not { } awaiting || EapResponder is not { } responder || State is IkeSaState.Closed or IkeSaState.Failed)
        {
            round.Dispose();
            return output;
        }

        responder.Resume(round);
        if (!responder.IsWaiting)
        {
            _awaitingEap = null;
            Respond(awaiting.Task, awaiting.MessageId, awaiting.Request, output);
        }

        return output;
    }

    /// <summary>Answers the request held for the EAP server once <see cref="IEapAuthenticator.Poll"/> has its round.</summary>
    private void PollEap(IkeSaOutput output)
    {
        if (_awaitingEap is not null && EapResponder?.Poll() is { } round)
        {
            output.Append(ResumeEap(round));
        }
    }

    /// <summary>Holds the request unanswered while the EAP server works on it; true when it does.</summary>
    private bool DeferForEap(IkeTask task, uint messageId, ReadOnlySpan<byte> request)
    {
        if (EapResponder is not { IsWaiting: true })
        {
            return false;
        }

        _awaitingEap = (task, messageId, request.ToArray());
        return true;
    }

    /// <summary>The mode-config answer for this client with the address an EAP server assigned in place of one of its family.</summary>
    internal ModeConfigResult? WithEapAddress(ModeConfigResult? answer)
    {
        if (EapAssignedAddress is not { } address)
        {
            return answer;
        }

        answer ??= new ModeConfigResult([], [], []);
        var addresses = answer.Addresses.Where(a => a.AddressFamily != address.AddressFamily).Prepend(address).ToList();
        return answer with { Addresses = addresses };
    }
}
