using System.Reflection;

namespace IpsecTun.Crypto.Tests;

/// <summary>One IKEv2 KDF known answer from Vectors/ikev2-kdf.txt, in the SP 800-135 CAVS layout.</summary>
public sealed record Ikev2KdfVector(string Hash, int Index, IReadOnlyDictionary<string, byte[]> Values)
{
    public static IReadOnlyList<Ikev2KdfVector> All { get; } = Load();

    public PrfAlgorithm Prf => Hash switch
    {
        "SHA-1" => PrfAlgorithms.HmacSha1,
        "SHA-256" => PrfAlgorithms.HmacSha2_256,
        _ => throw new InvalidDataException($"No PRF for {Hash}."),
    };

    public byte[] this[string name] => Values[name];

    public override string ToString() => $"{Hash} #{Index}";

    private static List<Ikev2KdfVector> Load()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ikev2-kdf.txt")
            ?? throw new InvalidOperationException("ikev2-kdf.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var vectors = new List<Ikev2KdfVector>();
        string? hash = null;
        Dictionary<string, byte[]> values = [];
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                hash = line[1..^1];
                values = [];
                vectors.Add(new Ikev2KdfVector(hash, vectors.Count(v => v.Hash == hash) + 1, values));
            }
            else if (hash is not null && line.Split(" = ") is [var name, var hex])
            {
                values[name] = Convert.FromHexString(hex);
            }
        }

        return vectors;
    }
}
