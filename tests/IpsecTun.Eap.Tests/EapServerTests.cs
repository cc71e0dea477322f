using IpsecTun.Crypto;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

public class EapServerTests
{
    [Fact]
    public void It_opens_with_an_identity_request()
    {
        using var server = new EapServer([EapType.Gtc], EapConversation.LookUp, RandomSource.System);

        var outcome = server.Start();

        Assert.Equal(EapCode.Request, outcome.Packet!.Code);
        Assert.Equal(EapType.Identity, outcome.Packet.Type);
        Assert.Same(outcome.Packet, server.OutstandingRequest);
    }

    [Fact]
    public void A_response_with_a_stale_identifier_is_discarded()
    {
        using var server = new EapServer([EapType.Gtc], EapConversation.LookUp, RandomSource.System);
        var request = server.Start().Packet!;

        var outcome = server.Process(EapPacket.Response((byte)(request.Identifier + 1), EapType.Identity, "alice"u8));

        Assert.Equal(EapOutcomeKind.Discarded, outcome.Kind);
        Assert.Same(request, server.OutstandingRequest);
    }

    [Fact]
    public void A_response_of_the_wrong_type_is_discarded()
    {
        using var server = new EapServer([EapType.Gtc], EapConversation.LookUp, RandomSource.System);
        var request = server.Start().Packet!;
        var prompt = server.Process(EapPacket.Response(request.Identifier, EapType.Identity, "alice"u8)).Packet!;

        var outcome = server.Process(EapPacket.Response(prompt.Identifier, EapType.Md5Challenge, [16, .. new byte[16]]));

        Assert.Equal(EapOutcomeKind.Discarded, outcome.Kind);
    }

    [Fact]
    public void An_identity_that_is_not_utf8_fails()
    {
        using var server = new EapServer([EapType.Gtc], EapConversation.LookUp, RandomSource.System);
        var request = server.Start().Packet!;

        var outcome = server.Process(EapPacket.Response(request.Identifier, EapType.Identity, [0xC3, 0x28]));

        Assert.Equal(EapOutcomeKind.Failed, outcome.Kind);
    }

    [Fact]
    public void Unsupported_methods_are_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new EapServer([EapType.Tls], EapConversation.LookUp, RandomSource.System));
        Assert.Throws<ArgumentException>(() => new EapServer([], EapConversation.LookUp, RandomSource.System));
    }
}
