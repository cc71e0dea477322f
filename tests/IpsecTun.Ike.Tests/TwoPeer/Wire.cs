using IpsecTun.Ike.Messages;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>Reads what the peers put on the wire.</summary>
internal static class Wire
{
    public static IkeMessage Parse(ReadOnlySpan<byte> datagram)
    {
        Assert.True(IkeMessage.TryParse(datagram, out IkeMessage? message, out IkeError error), error.Reason);
        return message;
    }
}
