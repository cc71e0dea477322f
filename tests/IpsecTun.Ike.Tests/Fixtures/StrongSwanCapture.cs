using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Protection;
using IpsecTun.Ike.Tests.Protection;

namespace IpsecTun.Ike.Tests.Fixtures;

/// <summary>
/// One committed capture of two strongSwan 5.9.8 peers (made by capture.sh): the IKE datagrams in order,
/// with the non-ESP marker of port 4500 removed, and the initiator's SK_* keys.
/// </summary>
internal sealed class StrongSwanCapture
{
    public const string CbcSha256Modp2048 = "cbc-sha256-modp2048";
    public const string Gcm16Ecp256Fragmented = "gcm16-prfsha256-ecp256-fragmented";
    public const string EcdsaP256Gcm16 = "ecdsa-p256-gcm16";

    /// <summary>The pre-shared key both peers were configured with.</summary>
    public static readonly byte[] PreSharedKey = "fixture-psk-not-secret"u8.ToArray();

    /// <summary>The PRF of every capture.</summary>
    public static PrfAlgorithm Prf => PrfAlgorithms.HmacSha2_256;

    private StrongSwanCapture(string name, IReadOnlyList<byte[]> datagrams, IReadOnlyDictionary<string, byte[]> keys)
    {
        Name = name;
        Datagrams = datagrams;
        Keys = keys;
    }

    public string Name { get; }

    public IReadOnlyList<byte[]> Datagrams { get; }

    /// <summary>Sk_d, Sk_ei, Sk_er, Sk_ai, Sk_ar, Sk_pi, Sk_pr and the shared secret g_ir as charon logged them.</summary>
    public IReadOnlyDictionary<string, byte[]> Keys { get; }

    public bool IsAead => !Keys.ContainsKey("Sk_ai");

    /// <summary>The CA certificate (PEM) of a certificate capture.</summary>
    public string CaCertificatePath => FilePath("ca.pem");

    /// <summary>A file of this capture's directory, such as the certificate capture's responder-cert.pem and responder-key.pem.</summary>
    public string FilePath(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", Name, file);

    /// <summary>
    /// What an AUTH payload covers (RFC 7296 §2.15): the sender's IKE_SA_INIT message, the peer's nonce and
    /// prf(SK_p, body of the sender's ID payload), written out here as a receiver computes it.
    /// </summary>
    public static byte[] SignedOctets(byte[] realMessage, ReadOnlySpan<byte> peerNonce, byte[] skP, IdentificationPayload id)
    {
        byte[] idBody = new byte[id.GetBodySize()];
        id.WriteBody(idBody);
        byte[] macedId = new byte[Prf.OutputSize];
        using (KeyedHash hash = Prf.Create(skP))
        {
            hash.Compute(idBody, macedId);
        }

        return [.. realMessage, .. peerNonce, .. macedId];
    }

    /// <summary>The PSK AUTH value: prf(prf(PSK, "Key Pad for IKEv2"), signed octets) (RFC 7296 §2.15).</summary>
    public static byte[] PskAuth(byte[] realMessage, ReadOnlySpan<byte> peerNonce, byte[] skP, IdentificationPayload id)
    {
        byte[] padKey = new byte[Prf.OutputSize];
        using (KeyedHash hash = Prf.Create(PreSharedKey))
        {
            hash.Compute("Key Pad for IKEv2"u8, padKey);
        }

        byte[] auth = new byte[Prf.OutputSize];
        using KeyedHash authHash = Prf.Create(padKey);
        authHash.Compute(SignedOctets(realMessage, peerNonce, skP, id), auth);
        return auth;
    }

    public static StrongSwanCapture Load(string name)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        var datagrams = new List<byte[]>();
        foreach (string line in File.ReadAllLines(Path.Combine(directory, "datagrams.txt")))
        {
            string[] fields = line.Split('\t');
            byte[] payload = Convert.FromHexString(fields[2]);
            bool natTraversal = fields[0] == "4500" || fields[1] == "4500";
            if (natTraversal)
            {
                Assert.Equal(new byte[4], payload[..4]);
                payload = payload[4..];
            }

            datagrams.Add(payload);
        }

        var keys = File.ReadAllLines(Path.Combine(directory, "keys.txt"))
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => Convert.FromHexString(f[1]));
        return new StrongSwanCapture(name, datagrams, keys);
    }

    public IkeMessage Parse(int index)
    {
        Assert.True(IkeMessage.TryParse(Datagrams[index], out IkeMessage? message, out IkeError error), error.Reason);
        return message;
    }

    /// <summary>The inner payloads of protected message <paramref name="index"/>.</summary>
    public List<Payload> Open(int index)
    {
        IkeMessage message = Parse(index);
        using SkProtection protection = ProtectionFor(message);
        var inner = new List<Payload>();
        Assert.True(protection.TryOpen(Datagrams[index], message, inner, out IkeError error), error.Reason);
        return inner;
    }

    /// <summary>The protection of the direction <paramref name="message"/> travelled in.</summary>
    public SkProtection ProtectionFor(IkeMessage message)
    {
        string side = message.Header.IsFromInitiator ? "i" : "r";
        EncryptionAlgorithm encryption = IsAead ? TestCiphers.AesGcm16_128 : TestCiphers.AesCbc128;
        IntegrityAlgorithm? integrity = IsAead ? null : IntegrityAlgorithms.HmacSha2_256_128;
        return new SkProtection(encryption, Keys["Sk_e" + side], integrity, IsAead ? default : Keys["Sk_a" + side], RandomSource.System);
    }
}
