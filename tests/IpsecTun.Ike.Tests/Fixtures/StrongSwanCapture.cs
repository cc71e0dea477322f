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

    private StrongSwanCapture(string name, IReadOnlyList<byte[]> datagrams, IReadOnlyDictionary<string, byte[]> keys)
    {
        Name = name;
        Datagrams = datagrams;
        Keys = keys;
    }

    public string Name { get; }

    public IReadOnlyList<byte[]> Datagrams { get; }

    /// <summary>Sk_d, Sk_ei, Sk_er, Sk_ai, Sk_ar, Sk_pi, Sk_pr as charon logged them.</summary>
    public IReadOnlyDictionary<string, byte[]> Keys { get; }

    public bool IsAead => !Keys.ContainsKey("Sk_ai");

    /// <summary>The CA certificate (PEM) of a certificate capture.</summary>
    public string CaCertificatePath => Path.Combine(AppContext.BaseDirectory, "Fixtures", Name, "ca.pem");

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
