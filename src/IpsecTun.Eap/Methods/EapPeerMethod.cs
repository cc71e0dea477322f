using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods;

/// <summary>
/// The peer (client) side of one EAP method: a state machine fed the type data of each Request of its type,
/// answering with the type data of the Response. No I/O; <see cref="EapPeer"/> does the EAP framing.
/// </summary>
public abstract class EapPeerMethod : IDisposable
{
    public abstract EapType Type { get; }

    public abstract EapMethodStep Respond(byte identifier, ReadOnlySpan<byte> requestData);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
