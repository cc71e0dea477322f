using IpsecTun.Eap.Methods.Peap;

namespace IpsecTun.Eap.Tests;

/// <summary>
/// PEAPv0 crypto binding (MS-PEAP §3.1.5.5) against values from an independent implementation: one exchange
/// between our peer and hostapd 2.10's EAP server, whose debug log (hostapd -ddK) printed the tunnel key, the ISK
/// (its EAP-MSCHAPv2 key), its Cryptobinding request with its Compound MAC, the response it verified, and the
/// Compound Session Key.
/// </summary>
public class PeapCryptoBindingTests
{
    private const string TunnelKey =
        "df4c6187331864c707cef14f5c7e3c98d9a3a80fc4dce7ad9158ada4e335a4f4a8f3c3d35b9ecbd44c34bf89a800af21acb8e37706d3b8702e418bf6";
    private const string InnerSessionKey = "d9e5ed90d96743e71bf4573327efa1d490a524d010cf3eb25d69adffc084a2c0";
    private const string Nonce = "ba0d3e827ca310dde437ae0178543b387393218ac6aaa752a946f960bdf58e5b";
    private const string ServerRequest = "000c003800000000" + Nonce + "aab8ecc5b793c17f85ac6e11eb59fc054b064422";
    private const string PeerResponse = "000c003800000001" + Nonce + "3025f27218931db40f5e11f27d80da5c47f0056b";
    private const string CompoundSessionKey =
        "97e3172a0fd1a9024d947d1b215a77eb12f2a177e90033c64fdb5e5a28ed08c5ea305156643830c2c3abc583dfac96acfa4b37f54d311ee4e10b9ff0be6985f9" +
        "a30ecef8ee9e72d535a19d37d43fe793a23721416f182021a151d17100fb9722fa8920eabcc173844aa281ce9b47f3fdec7e8fd700e1d2454f14bc10bb135449";

    [Fact]
    public void The_request_tlv_matches_hostapds_compound_mac()
    {
        using var binding = Binding();

        Assert.Equal(ServerRequest, Convert.ToHexStringLower(binding.Tlv(PeapCryptoBinding.RequestSubType, Convert.FromHexString(Nonce))));
        Assert.True(binding.Verify(Convert.FromHexString(ServerRequest), PeapCryptoBinding.RequestSubType));
    }

    [Fact]
    public void The_response_hostapd_accepted_verifies()
    {
        using var binding = Binding();

        Assert.True(binding.Verify(Convert.FromHexString(PeerResponse), PeapCryptoBinding.ResponseSubType));
        Assert.Equal(PeerResponse, Convert.ToHexStringLower(binding.Tlv(PeapCryptoBinding.ResponseSubType, Convert.FromHexString(Nonce))));
    }

    [Fact]
    public void The_session_keys_are_hostapds_compound_session_key()
    {
        using var binding = Binding();
        using var keys = binding.SessionKeys();

        Assert.Equal(CompoundSessionKey[..128], Convert.ToHexStringLower(keys.Msk));
        Assert.Equal(CompoundSessionKey[128..], Convert.ToHexStringLower(keys.Emsk));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(59)]
    public void A_changed_byte_or_the_wrong_subtype_fails(int index)
    {
        using var binding = Binding();
        byte[] tampered = Convert.FromHexString(ServerRequest);
        tampered[index] ^= 0x01;

        Assert.False(binding.Verify(tampered, PeapCryptoBinding.RequestSubType));
        Assert.False(binding.Verify(Convert.FromHexString(ServerRequest), PeapCryptoBinding.ResponseSubType));
        Assert.False(binding.Verify(Convert.FromHexString(ServerRequest).AsSpan(0, 59), PeapCryptoBinding.RequestSubType));
    }

    [Fact]
    public void Another_inner_key_gives_another_binding()
    {
        byte[] otherIsk = Convert.FromHexString(InnerSessionKey);
        otherIsk[0] ^= 0x80;
        using var inner = new EapKeys([.. otherIsk, .. new byte[32]], []);
        using var binding = PeapCryptoBinding.Derive(Convert.FromHexString(TunnelKey), inner);

        Assert.False(binding.Verify(Convert.FromHexString(ServerRequest), PeapCryptoBinding.RequestSubType));
    }

    private static PeapCryptoBinding Binding()
    {
        // EAP-MSCHAPv2's MSK: MS-MPPE-Recv-Key | MS-MPPE-Send-Key, then 32 zero bytes; its first 32 bytes are the ISK.
        using var inner = new EapKeys([.. Convert.FromHexString(InnerSessionKey), .. new byte[32]], []);
        return PeapCryptoBinding.Derive(Convert.FromHexString(TunnelKey), inner);
    }
}
