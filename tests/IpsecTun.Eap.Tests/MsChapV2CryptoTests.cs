using IpsecTun.Eap.Methods.MsChapV2;

namespace IpsecTun.Eap.Tests;

/// <summary>The worked examples of RFC 2759 §9.2 and RFC 3079 §3.5.3 (user "User", password "clientPass").</summary>
public class MsChapV2CryptoTests
{
    private static readonly byte[] UserName = "User"u8.ToArray();
    private static readonly byte[] AuthenticatorChallenge = Convert.FromHexString("5B5D7C7D7B3F2F3E3C2C602132262628");
    private static readonly byte[] PeerChallenge = Convert.FromHexString("21402324255E262A28295F2B3A337C7E");
    private static readonly byte[] PasswordHash = Convert.FromHexString("44EBBA8D5312B8D611474411F56989AE");
    private static readonly byte[] NtResponse = Convert.FromHexString("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");

    [Fact]
    public void Rfc2759_password_hashes()
    {
        Assert.Equal(PasswordHash, MsChapV2Crypto.NtPasswordHash("clientPass"));
        Assert.Equal(Convert.FromHexString("41C00C584BD2D91C4017A2A12FA59F3F"), MsChapV2Crypto.HashNtPasswordHash(PasswordHash));
    }

    [Fact]
    public void Rfc2759_challenge_hash()
    {
        Assert.Equal(
            Convert.FromHexString("D02E4386BCE91226"),
            MsChapV2Crypto.ChallengeHash(PeerChallenge, AuthenticatorChallenge, UserName));
    }

    [Fact]
    public void Rfc2759_nt_response()
    {
        Assert.Equal(NtResponse, MsChapV2Crypto.GenerateNtResponse(AuthenticatorChallenge, PeerChallenge, UserName, PasswordHash));
    }

    [Fact]
    public void Rfc2759_authenticator_response()
    {
        byte[] response = MsChapV2Crypto.GenerateAuthenticatorResponse(PasswordHash, NtResponse, PeerChallenge, AuthenticatorChallenge, UserName);

        Assert.Equal("407A5589115FD0D6209F510FE9C04566932CDA56", Convert.ToHexString(response));
    }

    [Fact]
    public void Rfc3079_master_key_and_128_bit_start_key()
    {
        byte[] masterKey = MsChapV2Crypto.GetMasterKey(Convert.FromHexString("41C00C584BD2D91C4017A2A12FA59F3F"), NtResponse);
        Assert.Equal(Convert.FromHexString("FDECE3717A8C838CB388E527AE3CDD31"), masterKey);

        // §3.5.3 derives SendStartKey128 as the server's send key, which is the client's receive key.
        byte[] expected = Convert.FromHexString("8B7CDC149B993A1BA118CB153F56DCCB");
        Assert.Equal(expected, MsChapV2Crypto.GetAsymmetricStartKey(masterKey, isSend: true, isServer: true));
        Assert.Equal(expected, MsChapV2Crypto.GetAsymmetricStartKey(masterKey, isSend: false, isServer: false));
        Assert.NotEqual(expected, MsChapV2Crypto.GetAsymmetricStartKey(masterKey, isSend: false, isServer: true));
    }

    [Fact]
    public void The_msk_is_the_servers_receive_key_then_its_send_key_then_zeros()
    {
        byte[] msk = MsChapV2Crypto.Msk(PasswordHash, NtResponse);

        Assert.Equal(64, msk.Length);
        // The receive key is not printed in RFC 3079; this value is the one strongSwan's and other
        // implementations' test suites publish for the same inputs.
        Assert.Equal("D5F0E9521E3EA9589645E86051C82226", Convert.ToHexString(msk, 0, 16));
        Assert.Equal("8B7CDC149B993A1BA118CB153F56DCCB", Convert.ToHexString(msk, 16, 16));
        Assert.Equal(new byte[32], msk[32..]);
    }

    [Fact]
    public void A_domain_prefix_is_stripped_from_the_challenge_user_name()
    {
        Assert.Equal(UserName, MsChapV2Crypto.ChallengeUserName("CORP\\User"u8));
        Assert.Equal(UserName, MsChapV2Crypto.ChallengeUserName("User"u8));
    }
}
