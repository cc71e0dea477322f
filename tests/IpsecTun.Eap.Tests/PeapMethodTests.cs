using IpsecTun.Eap.Methods.Peap;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Tests;

public class PeapMethodTests
{
    [Theory]
    [InlineData(EapType.MsChapV2, 1000)]
    [InlineData(EapType.MsChapV2, 50)]
    [InlineData(EapType.Gtc, 1000)]
    public void Peapv0_authenticates_and_both_sides_derive_the_same_keys(EapType inner, int fragment)
    {
        using var conversation = Converse(inner, EapConversation.UserPassword, fragment);

        Assert.True(conversation.ServerOutcome!.Kind == EapOutcomeKind.Succeeded, conversation.ServerOutcome.Reason);
        Assert.Equal(EapOutcomeKind.Succeeded, conversation.PeerOutcome!.Kind);
        Assert.Equal(conversation.ServerOutcome.Keys!.Msk.ToArray(), conversation.PeerOutcome.Keys!.Msk.ToArray());
        Assert.Equal(64, conversation.PeerOutcome.Keys.Msk.Length);
        Assert.All(conversation.Packets.Where(p => p.HasType && p.Type == EapType.Peap), p => Assert.Equal(0, p.TypeData[0] & 7));
    }

    [Fact]
    public void A_wrong_password_fails_on_both_sides()
    {
        using var conversation = Converse(EapType.MsChapV2, "not the password", 1000);

        Assert.Equal(EapOutcomeKind.Failed, conversation.ServerOutcome!.Kind);
        Assert.Contains("does not match the password", conversation.ServerOutcome.Reason, StringComparison.Ordinal);
        Assert.Equal(EapOutcomeKind.Failed, conversation.PeerOutcome!.Kind);
        Assert.Contains("rejected the credentials", conversation.PeerOutcome.Reason, StringComparison.Ordinal);
        Assert.Null(conversation.PeerOutcome.Keys);
    }

    [Fact]
    public void Inner_packets_drop_their_header_except_extensions()
    {
        var identity = EapPacket.Response(7, EapType.Identity, "bob"u8);
        var result = PeapResult.Encode(EapCode.Request, 9, success: true);

        Assert.Equal([1, (byte)'b', (byte)'o', (byte)'b'], PeapInnerPacket.Encode(identity));
        Assert.Equal([1, 9, 0, 11, 33, 0x80, 3, 0, 2, 0, 1], PeapInnerPacket.Encode(result));
        Assert.True(PeapInnerPacket.TryDecode([1], EapCode.Request, 42, out var decoded));
        Assert.Equal((EapCode.Request, (byte)42, EapType.Identity), (decoded!.Code, decoded.Identifier, decoded.Type));
        Assert.True(PeapInnerPacket.TryDecode(PeapInnerPacket.Encode(result), EapCode.Request, 42, out decoded));
        Assert.Equal((byte)9, decoded!.Identifier);
    }

    [Theory]
    [InlineData("800300020001", true)]
    [InlineData("800300020002", false)]
    [InlineData("000700010080030002000001", null)]
    [InlineData("8003000200", null)]
    [InlineData("800c0004000000008003000200010", null)]
    [InlineData("800700040000000080030002000100", null)]
    public void Result_tlvs_are_read_strictly(string hex, bool? expected)
    {
        byte[] tlvs = Convert.FromHexString(hex.Length % 2 == 0 ? hex : hex + "0");
        Assert.Equal(expected, PeapResult.TryRead(tlvs));
    }

    private static EapConversation Converse(EapType inner, string password, int fragment)
    {
        var pki = TestCertificates.Ecdsa;
        var peer = pki.PeerSettings(fragment: fragment);
        var conversation = new EapConversation(
            [EapType.Peap], [EapType.Peap], password,
            peerTls: new EapTlsSettings { TrustedAuthorities = peer.TrustedAuthorities, ServerName = peer.ServerName, MaxFragmentSize = fragment, InnerEapMethods = [inner] },
            serverTls: pki.ServerSettings(fragment));
        conversation.Run();
        return conversation;
    }
}
