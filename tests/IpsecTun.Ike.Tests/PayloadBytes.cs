using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Tests;

/// <summary>Encodes payloads and parses them back through the chain dispatcher.</summary>
internal static class PayloadBytes
{
    public static byte[] Encode(Payload payload, PayloadType next = PayloadType.None)
    {
        byte[] bytes = new byte[payload.GetSize()];
        Assert.Equal(bytes.Length, payload.WriteTo(bytes, next));
        return bytes;
    }

    /// <summary>Writes, parses and writes again; the two encodings must be identical.</summary>
    public static T RoundTrip<T>(T payload)
        where T : Payload
    {
        byte[] bytes = Encode(payload);
        Assert.True(PayloadChain.TryParsePayload(payload.Type, bytes, out Payload? parsed));
        T typed = Assert.IsType<T>(parsed);
        Assert.Equal(bytes, Encode(typed));
        Assert.Equal(payload.Critical, typed.Critical);
        return typed;
    }

    public static bool Parses(PayloadType type, byte[] bytes) => PayloadChain.TryParsePayload(type, bytes, out _);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
