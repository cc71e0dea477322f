using IpsecTun.Eap.Tls;

namespace IpsecTun.Eap.Methods.Tls;

/// <summary>
/// The peer side shared by EAP-TLS, EAP-TTLS and PEAP: waits for the Start, runs the TLS client through the
/// fragmentation dialogue, and once the handshake is complete hands the tunnel to the method. A TLS failure
/// sends our alert (or an acknowledgement of theirs) and fails with the TLS reason.
/// </summary>
internal abstract class TlsPeerMethod(EapTlsSettings settings) : EapPeerMethod
{
    private readonly EapTlsFraming _framing = new(settings.MaxFragmentSize);

    protected TlsEngine? Engine { get; private set; }

    protected EapTlsSettings Settings => settings;

    /// <summary>Tunnelled methods go on after they could first accept an EAP-Success.</summary>
    public override bool ContinuesAfterDone => true;

    protected abstract bool AllowTls13 { get; }

    protected abstract IReadOnlyList<TlsExport> Exports { get; }

    /// <summary>The highest method version this side speaks (the Start's version bits offer the server's).</summary>
    protected virtual byte HighestVersion => 0;

    public override EapMethodStep Respond(byte identifier, ReadOnlySpan<byte> requestData)
    {
        if (!EapTlsFragment.TryParse(requestData, out var fragment))
        {
            return EapMethodStep.Discard($"malformed {Type} request");
        }

        bool start = (fragment.Flags & EapTlsFlags.Start) != 0;
        if (Engine is null)
        {
            if (!start)
            {
                return EapMethodStep.Discard($"{Type} request before the Start");
            }

            _framing.Version = Math.Min(fragment.Version, HighestVersion);
            Engine = TlsEngine.StartClient(settings, AllowTls13, Exports);
            return Engine.Failure is null ? EapMethodStep.Continue(_framing.Send(Engine.TakeOutput())) : FailTls();
        }

        if (start)
        {
            return EapMethodStep.Discard($"repeated {Type} Start");
        }

        switch (_framing.Receive(requestData, out byte[] received))
        {
            case EapTlsReceipt.Reply:
                return EapMethodStep.Continue(received);
            case EapTlsReceipt.Invalid:
                return EapMethodStep.Fail($"{Type} fragments are inconsistent", _framing.Acknowledgement());
        }

        bool wasComplete = Engine.IsHandshakeComplete;
        if (received.Length > 0 && !Engine.Receive(received))
        {
            return FailTls();
        }

        if (!Engine.IsHandshakeComplete)
        {
            return EapMethodStep.Continue(_framing.Send(Engine.TakeOutput()));
        }

        return OnTunnel(identifier, Engine.TakeApplicationData(), justCompleted: !wasComplete);
    }

    /// <summary>
    /// Called for every message once the handshake is complete, with the application data it carried.
    /// <paramref name="justCompleted"/> is set when this message completed the handshake.
    /// </summary>
    protected abstract EapMethodStep OnTunnel(byte identifier, byte[] applicationData, bool justCompleted);

    /// <summary>The pending TLS output (handshake records and anything written) as the next fragment, or an acknowledgement.</summary>
    protected byte[] Flush() => _framing.Send(Engine!.TakeOutput());

    protected EapMethodStep FailTls(string? reason = null)
    {
        byte[] output = Engine!.TakeOutput();
        return EapMethodStep.Fail($"{Type}: {reason ?? Engine.Failure}", _framing.Send(output));
    }

    protected override void Dispose(bool disposing)
    {
        Engine?.Dispose();
        base.Dispose(disposing);
    }
}
