using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tests.TwoPeer.Eap;

/// <summary>Runs two peers until neither has anything more to send, keeping what each side logged.</summary>
internal sealed class Conversation
{
    private readonly List<IkeSaEvent> _initiator = [];
    private readonly List<IkeSaEvent> _responder = [];

    /// <summary>The requests the initiator sent, retransmissions excluded.</summary>
    public int Requests { get; private set; }

    public static Conversation Run(TwoPeers peers)
    {
        var run = new Conversation();
        IkeSaOutput output = peers.Initiator.Start();
        run._initiator.AddRange(output.Events);
        for (int hop = 0; output.Datagrams.Count > 0 && hop < 40; hop++)
        {
            bool toResponder = hop % 2 == 0;
            run.Requests += toResponder ? 1 : 0;
            output = toResponder ? peers.ToResponder(output) : peers.ToInitiator(output);
            (toResponder ? run._responder : run._initiator).AddRange(output.Events);
        }

        return run;
    }

    public bool InitiatorLogged(string text) => _initiator.Any(e => e.Message.Contains(text, StringComparison.Ordinal));

    public bool ResponderLogged(string text) => _responder.Any(e => e.Message.Contains(text, StringComparison.Ordinal));
}
