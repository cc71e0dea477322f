using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

public sealed class EapPeerTests : IDisposable
{
    private readonly EapCredentials _credentials = new("alice", "pw");
    private readonly EapPeer _peer;

    public EapPeerTests() => _peer = new EapPeer(_credentials, [EapType.Gtc], RandomSource.System);

    public void Dispose()
    {
        _peer.Dispose();
        _credentials.Dispose();
    }

    [Fact]
    public void It_answers_an_identity_request_with_the_identity()
    {
        var outcome = _peer.Process(EapPacket.Request(5, EapType.Identity, []));

        Assert.Equal(EapCode.Response, outcome.Packet!.Code);
        Assert.Equal(5, outcome.Packet.Identifier);
        Assert.Equal("alice"u8.ToArray(), outcome.Packet.TypeData.ToArray());
    }

    [Fact]
    public void A_retransmitted_request_gets_the_same_response()
    {
        var first = _peer.Process(EapPacket.Request(5, EapType.Identity, []));
        var again = _peer.Process(EapPacket.Request(5, EapType.Identity, []));

        Assert.Same(first.Packet, again.Packet);
    }

    [Fact]
    public void A_notification_is_acknowledged()
    {
        var outcome = _peer.Process(EapPacket.Request(9, EapType.Notification, "maintenance tonight"u8));

        Assert.Equal(EapType.Notification, outcome.Packet!.Type);
        Assert.Equal(0, outcome.Packet.TypeData.Length);
    }

    [Fact]
    public void A_success_before_the_method_completed_is_a_failure()
    {
        _peer.Process(EapPacket.Request(1, EapType.Identity, []));

        var outcome = _peer.Process(EapPacket.Success(1));

        Assert.Equal(EapOutcomeKind.Failed, outcome.Kind);
        Assert.Equal("EAP-Success before the method completed", outcome.Reason);
    }

    [Fact]
    public void Malformed_bytes_are_discarded()
    {
        Assert.Equal(EapOutcomeKind.Discarded, _peer.Process([1, 2, 0, 200, 1]).Kind);
        Assert.Equal(EapOutcomeKind.Discarded, _peer.Process(EapPacket.Response(1, EapType.Identity, []).ToArray()).Kind);
    }

    [Fact]
    public void A_request_of_another_method_during_a_method_is_discarded()
    {
        _peer.Process(EapPacket.Request(1, EapType.Gtc, "Password"u8));

        var outcome = _peer.Process(EapPacket.Request(2, EapType.Md5Challenge, [16, .. new byte[16]]));

        Assert.Equal(EapOutcomeKind.Discarded, outcome.Kind);
    }

    [Fact]
    public void A_malformed_first_request_does_not_lock_the_peer_into_that_method()
    {
        using var credentials = new EapCredentials("alice", "pw");
        using var peer = new EapPeer(credentials, [EapType.Md5Challenge, EapType.Gtc], RandomSource.System);
        Assert.Equal(EapOutcomeKind.Discarded, peer.Process(EapPacket.Request(1, EapType.Md5Challenge, [0])).Kind);

        var outcome = peer.Process(EapPacket.Request(2, EapType.Gtc, "Password"u8));

        Assert.Equal(EapOutcomeKind.Send, outcome.Kind);
        Assert.Equal(EapType.Gtc, outcome.Packet!.Type);
    }
}
