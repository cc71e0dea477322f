using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods;

/// <summary>
/// The peer (client) side of one EAP method: a state machine fed the type data of each Request of its type,
/// answering with the type data of the Response. No I/O; <see cref="EapPeer"/> does the EAP framing.
/// </summary>
public abstract class EapPeerMethod : IDisposable
{
    public abstract EapType Type { get; }

    /// <summary>
    /// Whether the method takes further Requests after a <see cref="EapStepKind.Done"/> step: a tunnelled
    /// method is ready for EAP-Success once its inner authentication could end, yet the server may go on.
    /// </summary>
    public virtual bool ContinuesAfterDone => false;

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
