using IpsecTun.Eap.Tls;

namespace IpsecTun.Eap.Methods.Tls;

/// <summary>
/// The server side shared by EAP-TLS, EAP-TTLS and PEAP: sends the Start, runs the TLS server through the
/// fragmentation dialogue, and once the handshake is complete hands the tunnel to the method. A TLS failure
/// sends our alert first when there is one, and fails when the peer has acknowledged it.
/// </summary>
internal abstract class TlsServerMethod(EapTlsSettings settings) : EapServerMethod
{
    private readonly EapTlsFraming _framing = new(settings.MaxFragmentSize);
    private string? _failure;

    protected TlsEngine? Engine { get; private set; }

    protected EapTlsSettings Settings => settings;

    protected abstract bool AllowTls13 { get; }

    protected abstract bool RequireClientCertificate { get; }

    protected abstract IReadOnlyList<TlsExport> Exports { get; }

    public override string? PendingFailure => _failure;

    public override byte[] Start(byte identifier)
    {
        Engine = TlsEngine.StartServer(settings, AllowTls13, RequireClientCertificate, Exports);
        return _framing.Start();
    }

    public override EapMethodStep Process(ReadOnlySpan<byte> responseData, byte nextIdentifier)
    {
        if (Engine is null)
        {
            return EapMethodStep.Discard($"{Type} response before the Start");
        }

        if (_failure is not null)
        {
            return EapMethodStep.Fail(_failure);
        }

        switch (_framing.Receive(responseData, out byte[] received))
        {
            case EapTlsReceipt.Reply:
                return EapMethodStep.Continue(received);
            case EapTlsReceipt.Invalid:
                return EapMethodStep.Fail($"{Type} fragments are malformed or inconsistent");
        }

        if (!Engine.IsHandshakeComplete)
        {
            if (received.Length == 0)
            {
                return EapMethodStep.Fail($"{Type}: the peer ended the TLS handshake");
            }

            if (!Engine.Receive(received))
            {
                return FailTls();
            }

            return Engine.IsHandshakeComplete ? OnHandshakeComplete(nextIdentifier) : EapMethodStep.Continue(Flush());
        }

        if (received.Length > 0 && !Engine.Receive(received))
        {
            return FailTls();
        }

        return OnTunnel(Engine.TakeApplicationData(), nextIdentifier);
    }

    /// <summary>The handshake has just completed; by default send the server's last flight.</summary>
    protected virtual EapMethodStep OnHandshakeComplete(byte nextIdentifier) => EapMethodStep.Continue(Flush());

    /// <summary>Called for every message after the handshake with the application data it carried (empty for an acknowledgement).</summary>
    protected abstract EapMethodStep OnTunnel(byte[] applicationData, byte nextIdentifier);

    protected byte[] Flush() => _framing.Send(Engine!.TakeOutput());

    /// <summary>Fails now, or after the peer has acknowledged the alert TLS has to send.</summary>
    protected EapMethodStep FailTls(string? reason = null)
    {
        string failure = $"{Type}: {reason ?? Engine!.Failure}";
        byte[] output = Engine!.TakeOutput();
        if (output.Length == 0)
        {
            return EapMethodStep.Fail(failure);
        }

        _failure = failure;
        return EapMethodStep.Continue(_framing.Send(output));
    }

    protected override void Dispose(bool disposing)
    {
        Engine?.Dispose();
        base.Dispose(disposing);
    }
}
