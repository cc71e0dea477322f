namespace IpsecTun.Crypto.Tests;

/// <summary>
/// IKEv2 key derivation (RFC 7296 §2.14, §2.17, §2.18) against SP 800-135 IKEv2 KDF known answers for
/// HMAC-SHA-1 and HMAC-SHA-256, and the split of the keying material into named keys.
/// </summary>
public class Ikev2KeyDerivationTests
{
    public static TheoryData<int> Vectors => new(Enumerable.Range(0, Ikev2KdfVector.All.Count));

    [Fact]
    public void The_vector_file_holds_sha1_and_sha256_answers()
    {
        Assert.Equal(2, Ikev2KdfVector.All.Count(v => v.Hash == "SHA-1"));
        Assert.Equal(1, Ikev2KdfVector.All.Count(v => v.Hash == "SHA-256"));
        Assert.All(Ikev2KdfVector.All, v => Assert.Equal(11, v.Values.Count));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Skeyseed_is_prf_of_the_nonces_over_the_shared_secret(int index)
    {
        Ikev2KdfVector v = Ikev2KdfVector.All[index];
        byte[] skeyseed = new byte[v.Prf.OutputSize];

        Skeyseed.Compute(v.Prf, v["Ni"], v["Nr"], v["g^ir"], skeyseed);

        Assert.Equal(v["SKEYSEED"], skeyseed);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Dkm_is_prf_plus_of_skeyseed_over_nonces_and_spis(int index)
    {
        Ikev2KdfVector v = Ikev2KdfVector.All[index];
        byte[] dkm = new byte[v["DKM"].Length];
        using KeyedHash prf = v.Prf.Create(v["SKEYSEED"]);

        PrfPlus.Expand(prf, [.. v["Ni"], .. v["Nr"], .. v["SPIi"], .. v["SPIr"]], dkm);

        Assert.Equal(v["DKM"], dkm);
    }

    /// <summary>
    /// With AES-128-CBC and the HMAC integrity of the PRF's hash: SK_d | SK_ai | SK_ar | SK_ei | SK_er |
    /// SK_pi | SK_pr, in that order (for SHA-1 that is exactly the 132-byte DKM).
    /// </summary>
    [Theory]
    [MemberData(nameof(Vectors))]
    public void Ike_sa_keys_are_the_dkm_split_in_rfc_order(int index)
    {
        Ikev2KdfVector v = Ikev2KdfVector.All[index];
        int prfKeySize = v.Prf.PreferredKeySize;

        using IkeSaKeys keys = IkeSaKeys.Derive(
            v.Prf, v["Ni"], v["Nr"], v["g^ir"], v["SPIi"], v["SPIr"], integrityKeySize: prfKeySize, encryptionKeyMaterialSize: 16);

        byte[] split = [.. keys.SkD, .. keys.SkAi, .. keys.SkAr, .. keys.SkEi, .. keys.SkEr, .. keys.SkPi, .. keys.SkPr];
        Assert.Equal((5 * prfKeySize) + 32, split.Length);
        Assert.Equal(v["DKM"].AsSpan(0, split.Length).ToArray(), split);
        Assert.Equal(prfKeySize, keys.SkD.Length);
        Assert.Equal(prfKeySize, keys.SkAr.Length);
        Assert.Equal(16, keys.SkEi.Length);
        Assert.Equal(prfKeySize, keys.SkPr.Length);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Child_sa_keymat_without_pfs_is_prf_plus_of_sk_d_over_the_nonces(int index)
    {
        Ikev2KdfVector v = Ikev2KdfVector.All[index];
        byte[] skD = SkD(v);

        // AES-128-CBC with HMAC-SHA1-96: per direction a 16-byte encryption key, then a 20-byte integrity key.
        using ChildSaKeys keys = ChildSaKeys.Derive(v.Prf, skD, [], v["Ni"], v["Nr"], encryptionKeyMaterialSize: 16, integrityKeySize: 20);

        AssertKeymat(v["DKM(Child SA)"], keys, 16, 20);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Child_sa_keymat_with_pfs_puts_the_new_shared_secret_first(int index)
    {
        Ikev2KdfVector v = Ikev2KdfVector.All[index];
        byte[] skD = SkD(v);

        // AES-256-GCM with its 4-byte salt and no integrity key.
        using ChildSaKeys keys = ChildSaKeys.Derive(v.Prf, skD, v["g^ir (new)"], v["Ni"], v["Nr"], encryptionKeyMaterialSize: 36, integrityKeySize: 0);

        AssertKeymat(v["DKM(Child SA D-H)"], keys, 36, 0);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Full_child_sa_dkm_comes_out_of_the_derivation(int index)
    {
        Ikev2KdfVector v = Ikev2KdfVector.All[index];
        int half = v["DKM(Child SA)"].Length / 2;

        using ChildSaKeys keys = ChildSaKeys.Derive(v.Prf, SkD(v), [], v["Ni"], v["Nr"], encryptionKeyMaterialSize: half, integrityKeySize: 0);

        byte[] keymat = [.. keys.EncryptionKeyInitiatorToResponder, .. keys.EncryptionKeyResponderToInitiator];
        Assert.Equal(v["DKM(Child SA)"], keymat);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Rekeyed_skeyseed_is_prf_of_old_sk_d_over_new_secret_and_nonces(int index)
    {
        Ikev2KdfVector v = Ikev2KdfVector.All[index];
        byte[] skeyseed = new byte[v.Prf.OutputSize];

        Skeyseed.ComputeRekeyed(v.Prf, SkD(v), v["g^ir (new)"], v["Ni"], v["Nr"], skeyseed);

        Assert.Equal(v["SKEYSEED(Rekey)"], skeyseed);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Rekeyed_ike_sa_keys_expand_the_rekeyed_skeyseed(int index)
    {
        Ikev2KdfVector v = Ikev2KdfVector.All[index];
        byte[] expected = new byte[(3 * v.Prf.PreferredKeySize) + 40];
        using (KeyedHash prf = v.Prf.Create(v["SKEYSEED(Rekey)"]))
        {
            PrfPlus.Expand(prf, [.. v["Ni"], .. v["Nr"], .. v["SPIi"], .. v["SPIr"]], expected);
        }

        using IkeSaKeys keys = IkeSaKeys.DeriveRekeyed(
            v.Prf, SkD(v), v.Prf, v["g^ir (new)"], v["Ni"], v["Nr"], v["SPIi"], v["SPIr"], integrityKeySize: 0, encryptionKeyMaterialSize: 20);

        byte[] split = [.. keys.SkD, .. keys.SkEi, .. keys.SkEr, .. keys.SkPi, .. keys.SkPr];
        Assert.Equal(expected, split);
        Assert.True(keys.SkAi.IsEmpty && keys.SkAr.IsEmpty);
    }

    /// <summary>RFC 7296 §2.14: with PRF_AES128_XCBC or _CMAC only the first 64 bits of each nonce key SKEYSEED.</summary>
    [Theory]
    [InlineData(PrfTransformId.Aes128Xcbc)]
    [InlineData(PrfTransformId.Aes128Cmac)]
    public void Aes_prfs_key_skeyseed_with_the_first_64_bits_of_each_nonce(PrfTransformId id)
    {
        Assert.True(TransformRegistry.TryGetPrf(id, out PrfAlgorithm? prf));
        byte[] ni = TestBytes.Counting(32);
        byte[] nr = TestBytes.Fill(0xa5, 32);
        byte[] sharedSecret = TestBytes.Fill(0x3c, 256);
        byte[] expected = new byte[16];
        using (KeyedHash mac = prf.Create([.. ni[..8], .. nr[..8]]))
        {
            mac.Compute(sharedSecret, expected);
        }

        byte[] skeyseed = new byte[16];
        Skeyseed.Compute(prf, ni, nr, sharedSecret, skeyseed);

        Assert.Equal(expected, skeyseed);
        byte[] fullNonceKeyed = new byte[16];
        using (KeyedHash mac = prf.Create([.. ni, .. nr]))
        {
            mac.Compute(sharedSecret, fullNonceKeyed);
        }

        Assert.NotEqual(fullNonceKeyed, skeyseed);
    }

    [Fact]
    public void Hmac_prfs_key_skeyseed_with_the_whole_nonces()
    {
        byte[] ni = TestBytes.Counting(32);
        byte[] nr = TestBytes.Fill(0xa5, 32);
        byte[] sharedSecret = TestBytes.Fill(0x3c, 256);
        byte[] expected = new byte[32];
        using (KeyedHash mac = PrfAlgorithms.HmacSha2_256.Create([.. ni, .. nr]))
        {
            mac.Compute(sharedSecret, expected);
        }

        byte[] skeyseed = new byte[32];
        Skeyseed.Compute(PrfAlgorithms.HmacSha2_256, ni, nr, sharedSecret, skeyseed);

        Assert.Equal(expected, skeyseed);
    }

    [Fact]
    public void Disposed_keys_are_zeroed_and_unreadable()
    {
        Ikev2KdfVector v = Ikev2KdfVector.All[0];
        var keys = IkeSaKeys.Derive(v.Prf, v["Ni"], v["Nr"], v["g^ir"], v["SPIi"], v["SPIr"], 20, 16);
        var child = ChildSaKeys.Derive(v.Prf, SkD(v), [], v["Ni"], v["Nr"], 16, 20);
        Assert.Equal(v["DKM"].AsSpan(0, 20).ToArray(), keys.SkD.ToArray());

        keys.Dispose();
        child.Dispose();

        Assert.Throws<ObjectDisposedException>(() => keys.SkD.Length);
        Assert.Throws<ObjectDisposedException>(() => child.EncryptionKeyInitiatorToResponder.Length);
    }

    [Fact]
    public void Ike_spis_must_be_eight_bytes()
    {
        Ikev2KdfVector v = Ikev2KdfVector.All[0];

        Assert.Throws<ArgumentException>(() => IkeSaKeys.Derive(v.Prf, v["Ni"], v["Nr"], v["g^ir"], v["SPIi"].AsSpan(0, 4), v["SPIr"], 20, 16));
    }

    private static byte[] SkD(Ikev2KdfVector v) => v["DKM"][..v.Prf.PreferredKeySize];

    private static void AssertKeymat(byte[] dkm, ChildSaKeys keys, int encryptionKeySize, int integrityKeySize)
    {
        byte[] keymat =
        [
            .. keys.EncryptionKeyInitiatorToResponder, .. keys.IntegrityKeyInitiatorToResponder,
            .. keys.EncryptionKeyResponderToInitiator, .. keys.IntegrityKeyResponderToInitiator,
        ];
        Assert.Equal(2 * (encryptionKeySize + integrityKeySize), keymat.Length);
        Assert.Equal(encryptionKeySize, keys.EncryptionKeyResponderToInitiator.Length);
        Assert.Equal(integrityKeySize, keys.IntegrityKeyResponderToInitiator.Length);
        Assert.Equal(dkm.AsSpan(0, keymat.Length).ToArray(), keymat);
    }
}
