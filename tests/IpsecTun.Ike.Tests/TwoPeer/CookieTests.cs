using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;

namespace IpsecTun.Ike.Tests.TwoPeer;

public sealed class CookieTests
{
    [Fact]
    public void Under_load_the_responder_demands_a_cookie_and_the_initiator_repeats_its_request_with_it()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm),
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));
        using var cookies = new CookieChallenge(new CountingRandom(9));
        OutboundDatagram first = Assert.Single(peers.Initiator.Start().Datagrams);
        Assert.Null(cookies.Check(first.Data.Span, first.From));

        cookies.Required = true;
        byte[] challenge = Assert.IsType<byte[]>(cookies.Check(first.Data.Span, first.From));
        IkeMessage challengeMessage = Wire.Parse(challenge);
        Assert.Equal(0UL, challengeMessage.Header.ResponderSpi);
        NotifyPayload cookie = Assert.IsType<NotifyPayload>(Assert.Single(challengeMessage.Payloads));
        Assert.Equal(NotifyType.Cookie, cookie.NotifyType);

        var answer = new IkeSaOutput();
        answer.Datagrams.Add(new OutboundDatagram(challenge, first.To, first.From));
        OutboundDatagram retry = Assert.Single(peers.ToInitiator(answer).Datagrams);
        Assert.Equal(IkeSaState.InitSent, peers.Initiator.State);
        IkeMessage retried = Wire.Parse(retry.Data.Span);
        Assert.Equal(cookie.Data.ToArray(), Assert.IsType<NotifyPayload>(retried.Payloads[0]).Data.ToArray());
        IkeMessage original = Wire.Parse(first.Data.Span);
        Assert.Equal(original.Payloads.OfType<NoncePayload>().Single().Data.ToArray(), retried.Payloads.OfType<NoncePayload>().Single().Data.ToArray());
        Assert.Equal(original.Payloads.OfType<KeyExchangePayload>().Single().Data.ToArray(), retried.Payloads.OfType<KeyExchangePayload>().Single().Data.ToArray());
        Assert.Null(cookies.Check(retry.Data.Span, retry.From));

        byte[] forged = retry.Data.ToArray();
        forged[IkeHeader.Size + 8 + 5] ^= 1;
        Assert.NotNull(cookies.Check(forged, retry.From));
        Assert.NotNull(cookies.Check(retry.Data.Span, new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.0.2.99"), 500)));

        var delivered = new IkeSaOutput();
        delivered.Datagrams.Add(retry);
        peers.ToInitiator(peers.ToResponder(peers.ToInitiator(peers.ToResponder(delivered))));
        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Equal(IkeSaState.Established, peers.Responder.State);
    }
}
