using System.Net;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Protection;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>Half-open and per-peer limits, the cookie threshold and the cookie secret rotation of a responder host.</summary>
public sealed class AdmissionTests
{
    private readonly ManualTime _time = new();
    private readonly FakeChildSaHost _host = new(0xd0000000);
    private readonly List<IkeSa> _initiators = [];
    private readonly List<IkeSa> _responders = [];

    [Fact]
    public void Cookies_are_demanded_from_the_threshold_and_requests_dropped_at_the_half_open_limit()
    {
        using var admission = new ResponderAdmission(new ResponderLimits(CookieThreshold: 2, MaxHalfOpen: 3), new CountingRandom(7), _time);

        for (int i = 1; i <= 2; i++)
        {
            OutboundDatagram request = Request(i);
            Assert.Equal(AdmissionDecision.Create, admission.Admit(request.Data.Span, request.From, out byte[]? none));
            Assert.Null(none);
            CreateResponder(admission, request);
        }

        Assert.Equal(2, admission.HalfOpenCount);
        OutboundDatagram third = Request(3);
        Assert.Equal(AdmissionDecision.Cookie, admission.Admit(third.Data.Span, third.From, out byte[]? cookie));
        OutboundDatagram withCookie = Retried(third, cookie!);
        Assert.Equal(AdmissionDecision.Create, admission.Admit(withCookie.Data.Span, withCookie.From, out _));
        CreateResponder(admission, withCookie);

        OutboundDatagram fourth = Request(4);
        Assert.Equal(AdmissionDecision.Drop, admission.Admit(fourth.Data.Span, fourth.From, out _));

        // Half-open responders time out, which frees their slots.
        _time.Advance(TimeSpan.FromMinutes(5));
        foreach (IkeSa sa in _responders)
        {
            sa.Tick();
            Assert.Equal(IkeSaState.Failed, sa.State);
        }

        Assert.Equal(0, admission.HalfOpenCount);
        Assert.Equal(AdmissionDecision.Create, admission.Admit(fourth.Data.Span, fourth.From, out _));
    }

    [Fact]
    public void One_peer_address_gets_at_most_the_configured_number_of_sas()
    {
        using var admission = new ResponderAdmission(new ResponderLimits(MaxSasPerPeer: 2), new CountingRandom(7), _time);
        OutboundDatagram first = Request(1);
        CreateResponder(admission, first);
        CreateResponder(admission, Request(1));

        Assert.Equal(AdmissionDecision.Drop, admission.Admit(Request(1).Data.Span, first.From, out _));
        Assert.Equal(AdmissionDecision.Create, admission.Admit(Request(2).Data.Span, Request(2).From, out _));
    }

    [Fact]
    public void A_cookie_from_the_previous_secret_is_accepted_for_one_rotation_period_only()
    {
        using var cookies = new CookieChallenge(new CountingRandom(8), _time, TimeSpan.FromMinutes(2)) { Required = true };
        OutboundDatagram request = Request(1);
        byte[] cookie = Assert.IsType<byte[]>(cookies.Check(request.Data.Span, request.From));
        OutboundDatagram retried = Retried(request, cookie);
        Assert.Null(cookies.Check(retried.Data.Span, retried.From));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(cookies.Check(retried.Data.Span, retried.From));
        byte[] fresh = Assert.IsType<byte[]>(cookies.Check(request.Data.Span, request.From));
        Assert.NotEqual(Wire.Parse(cookie).Payloads.OfType<NotifyPayload>().Single().Data.ToArray(), Wire.Parse(fresh).Payloads.OfType<NotifyPayload>().Single().Data.ToArray());

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.NotNull(cookies.Check(retried.Data.Span, retried.From));
    }

    private void CreateResponder(ResponderAdmission admission, OutboundDatagram request)
    {
        IkeSa responder = IkeSa.CreateResponder(
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm), _host, request.To, request.From, new CountingRandom(50 + _responders.Count), _time);
        Assert.NotEmpty(responder.Receive(request.Data.Span, request.From, request.To).Datagrams);
        Assert.Equal(IkeSaState.Authenticating, responder.State);
        admission.Track(responder, request.From.Address);
        _responders.Add(responder);
    }

    /// <summary>The first IKE_SA_INIT request of an initiator at 192.0.2.<paramref name="host"/>.</summary>
    private OutboundDatagram Request(int host)
    {
        var local = new IPEndPoint(IPAddress.Parse($"192.0.2.{host}"), 500);
        IkeSa initiator = IkeSa.CreateInitiator(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm), _host, local, TwoPeers.ResponderEndpoint, new CountingRandom(100 + host + (10 * _responders.Count)), _time);
        _initiators.Add(initiator);
        return Assert.Single(initiator.Start().Datagrams);
    }

    /// <summary>The initiator's request again, after the COOKIE reply reached it.</summary>
    private OutboundDatagram Retried(OutboundDatagram request, byte[] cookieReply)
    {
        IkeSa initiator = _initiators.Single(i => i.Local.Equals(request.From) && i.State == IkeSaState.InitSent
            && Wire.Parse(request.Data.Span).Header.InitiatorSpi == i.InitiatorSpi);
        return Assert.Single(initiator.Receive(cookieReply, request.To, request.From).Datagrams);
    }
}
