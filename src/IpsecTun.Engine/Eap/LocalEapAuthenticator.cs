using IpsecTun.Eap;
using IpsecTun.Ike.Eap;

namespace IpsecTun.Engine.Eap;

/// <summary>
/// The built-in EAP server (eap-user entries) behind Ike's <see cref="IEapAuthenticator"/>. A Response the
/// server discards (a stale identifier) is answered with the outstanding Request again, since every IKE_AUTH
/// request needs an answer.
/// </summary>
internal sealed class LocalEapAuthenticator(EapServer server) : IEapAuthenticator
{
    public EapRound Start() => EapRounds.From(server.Start());

    public EapRound Process(ReadOnlyMemory<byte> message)
    {
        EapOutcome outcome = server.Process(message.Span);
        return outcome.Kind == EapOutcomeKind.Discarded && server.OutstandingRequest is { } again
            ? EapRound.Send(again.ToArray())
            : EapRounds.From(outcome, server.Identity);
    }

    public string? PendingFailure => server.PendingFailure;

    public void Dispose() => server.Dispose();
}
