using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap.Methods;

/// <summary>
/// The server (authenticator) side of one EAP method: it opens with a Request and is then fed the type data of
/// each Response of its type. No I/O; <see cref="EapServer"/> does the EAP framing and identifiers.
/// </summary>
public abstract class EapServerMethod : IDisposable
{
    public abstract EapType Type { get; }

    /// <summary>The type data of the method's first Request, sent with <paramref name="identifier"/>.</summary>
    public abstract byte[] Start(byte identifier);

    /// <summary>
    /// Handles a Response; <paramref name="nextIdentifier"/> is the identifier the next Request will carry if
    /// the step is <see cref="EapStepKind.Continue"/>.
    /// </summary>
    public abstract EapMethodStep Process(ReadOnlySpan<byte> responseData, byte nextIdentifier);

    /// <summary>
    /// Why the method has already failed while it still waits for the peer (a TLS alert sent and not yet
    /// acknowledged); null otherwise. A peer that gives up instead of answering leaves this as the only reason.
    /// </summary>
    public virtual string? PendingFailure => null;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
