using IpsecTun.Crypto;
using IpsecTun.Eap;
using IpsecTun.Eap.Packets;
using IpsecTun.Eap.Radius;
using IpsecTun.Tests.Shared.Radius;

namespace IpsecTun.Engine.Tests.Eap;

/// <summary>
/// A RADIUS server on 127.0.0.1 for the endpoint's tests: EAP-MSCHAPv2 for one user through the library's
/// <see cref="EapServer"/> (a conversation per State), an Access-Accept with the MS-MPPE keys, and every
/// Accounting-Request kept and, while <see cref="AnswerAccounting"/>, acknowledged.
/// </summary>
internal sealed class LoopbackRadiusServer : IDisposable
{
    public const string User = "alice";
    public const string Password = "radius password";

    private readonly UdpFakeRadiusServer _udp;
    private readonly byte[] _secret;
    private readonly Dictionary<byte, EapServer> _conversations = [];
    private readonly List<RadiusPacket> _accounting = [];
    private byte _nextState;

    public LoopbackRadiusServer(string secret)
    {
        _secret = System.Text.Encoding.UTF8.GetBytes(secret);
        _udp = new UdpFakeRadiusServer(datagram =>
            RadiusPacket.TryParse(datagram, out RadiusPacket? request) && Answer(request!) is { } answer ? [answer] : []);
    }

    public int Port => _udp.EndPoint.Port;

    /// <summary>Whether Accounting-Requests are answered; a silent server makes the client retransmit and give up.</summary>
    public bool AnswerAccounting { get; set; } = true;

    /// <summary>The Accounting-Requests received so far, retransmissions included, oldest first.</summary>
    public IReadOnlyList<RadiusPacket> Accounting
    {
        get
        {
            lock (_accounting)
            {
                return [.. _accounting];
            }
        }
    }

    public void Dispose()
    {
        _udp.Dispose();
        foreach (EapServer server in _conversations.Values)
        {
            server.Dispose();
        }
    }

    private byte[]? Answer(RadiusPacket request)
    {
        byte[] authenticator = request.Authenticator.ToArray();
        if (request.Code == RadiusCode.AccountingRequest)
        {
            lock (_accounting)
            {
                _accounting.Add(request);
            }

            return AnswerAccounting ? TestRadiusServer.Respond(RadiusCode.AccountingResponse, request.Identifier, authenticator, _secret, []) : null;
        }

        if (request.Code != RadiusCode.AccessRequest || !RadiusClientCodec.TryReadEapMessage(request, out EapPacket? eap))
        {
            return null;
        }

        EapOutcome outcome = Conversation(request, ref eap!, out byte state);
        List<RadiusAttribute> attributes = [new(RadiusAttributeType.EapMessage, outcome.Packet!.ToArray()), new(RadiusAttributeType.MessageAuthenticator, new byte[16])];
        switch (outcome.Kind)
        {
            case EapOutcomeKind.Send:
                attributes.Add(new RadiusAttribute(RadiusAttributeType.State, [state]));
                return TestRadiusServer.Respond(RadiusCode.AccessChallenge, request.Identifier, authenticator, _secret, attributes);
            case EapOutcomeKind.Succeeded:
                using (EapKeys keys = outcome.Keys!)
                {
                    byte[] msk = keys.Msk.ToArray();
                    attributes.Add(TestRadiusServer.MppeKey(17, msk[..32], _secret, authenticator));
                    attributes.Add(TestRadiusServer.MppeKey(16, msk[32..], _secret, authenticator));
                }

                attributes.Add(new RadiusAttribute(RadiusAttributeType.Class, "radius-class"u8));
                return TestRadiusServer.Respond(RadiusCode.AccessAccept, request.Identifier, authenticator, _secret, attributes);
            default:
                return TestRadiusServer.Respond(RadiusCode.AccessReject, request.Identifier, authenticator, _secret, attributes);
        }
    }

    /// <summary>
    /// The conversation the State names, or a new one for an Identity Response; a new server asks for the identity
    /// itself, so the gateway's Identity Response is handed to it under that request's identifier.
    /// </summary>
    private EapOutcome Conversation(RadiusPacket request, ref EapPacket eap, out byte state)
    {
        RadiusAttribute? echoed = request.Attributes.FirstOrDefault(a => a.Type == RadiusAttributeType.State);
        if (echoed is not null && _conversations.TryGetValue(echoed.Value[0], out EapServer? server))
        {
            state = echoed.Value[0];
            return server.Process(eap);
        }

        server = new EapServer([EapType.MsChapV2], name => name == User ? new EapCredentials(User, Password) : null, RandomSource.System);
        state = ++_nextState;
        _conversations[state] = server;
        byte identifier = server.Start().Packet!.Identifier;
        eap = EapPacket.Response(identifier, eap.Type, eap.TypeData);
        return server.Process(eap);
    }
}
