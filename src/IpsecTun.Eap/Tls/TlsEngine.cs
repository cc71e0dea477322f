using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace IpsecTun.Eap.Tls;

/// <summary>
/// BouncyCastle's TLS in non-blocking mode, byte buffers in and out: records received from the other side go
/// to <see cref="Receive"/>, records to send come from <see cref="TakeOutput"/>, and once the handshake is done
/// application data passes through <see cref="Write"/> and <see cref="TakeApplicationData"/>. Nothing here
/// throws on input from the network: a failed handshake sets <see cref="Failure"/> and leaves any alert to
/// send in the output. Disposing zeroes the exported secrets.
/// </summary>
internal sealed class TlsEngine : IDisposable
{
    private readonly TlsProtocol _protocol;
    private readonly TlsHandshakeState _state;

    private TlsEngine(TlsProtocol protocol, TlsHandshakeState state)
    {
        _protocol = protocol;
        _state = state;
    }

    /// <summary>The first reason the TLS session failed, or null.</summary>
    public string? Failure => _state.Failure;

    public bool IsHandshakeComplete => _state.Exported is not null;

    public bool IsTls13 => _state.IsTls13;

    /// <summary>The other side's validated end-entity certificate (the server's at a peer, the client's for EAP-TLS).</summary>
    public X509Certificate2? PeerCertificate => _state.PeerCertificate;

    /// <summary>Starts a client; its ClientHello is then in the output.</summary>
    public static TlsEngine StartClient(EapTlsSettings settings, bool allowTls13, IReadOnlyList<TlsExport> exports)
    {
        var state = new TlsHandshakeState(exports);
        var protocol = new TlsClientProtocol();
        var engine = new TlsEngine(protocol, state);
        engine.Guard(() => protocol.Connect(new EapTlsClient(new BcTlsCrypto(new SecureRandom()), settings, allowTls13, state)));
        return engine;
    }

    /// <summary>Starts a server waiting for a ClientHello.</summary>
    public static TlsEngine StartServer(EapTlsSettings settings, bool allowTls13, bool requireClientCertificate, IReadOnlyList<TlsExport> exports)
    {
        if (settings.Certificate is null)
        {
            throw new ArgumentException("A TLS-based EAP server needs a certificate.", nameof(settings));
        }

        var state = new TlsHandshakeState(exports);
        var protocol = new TlsServerProtocol();
        var engine = new TlsEngine(protocol, state);
        engine.Guard(() => protocol.Accept(new EapTlsServer(new BcTlsCrypto(new SecureRandom()), settings, allowTls13, requireClientCertificate, state)));
        return engine;
    }

    /// <summary>Feeds records from the other side; false once the session has failed.</summary>
    public bool Receive(ReadOnlySpan<byte> records)
    {
        if (Failure is not null)
        {
            return false;
        }

        byte[] input = records.ToArray();
        return Guard(() => _protocol.OfferInput(input));
    }

    /// <summary>Encrypts application data into the output (only after the handshake).</summary>
    public bool Write(ReadOnlySpan<byte> data)
    {
        byte[] plain = data.ToArray();
        try
        {
            return Failure is null && Guard(() => _protocol.WriteApplicationData(plain, 0, plain.Length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The records waiting to be sent (possibly none).</summary>
    public byte[] TakeOutput()
    {
        byte[] output = new byte[_protocol.GetAvailableOutputBytes()];
        _protocol.ReadOutput(output, 0, output.Length);
        return output;
    }

    /// <summary>The application data received so far (possibly none).</summary>
    public byte[] TakeApplicationData()
    {
        byte[] data = new byte[Math.Max(0, _protocol.GetAvailableInputBytes())];
        if (data.Length > 0)
        {
            _protocol.ReadInput(data, 0, data.Length);
        }

        return data;
    }

    /// <summary>The secret of <c>exports[index]</c>; the caller owns and zeroes the copy.</summary>
    public byte[] Exported(int index) => _state.Exported![index].ToArray();

    public void Dispose()
    {
        foreach (var secret in _state.Exported ?? [])
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        _state.PeerCertificate?.Dispose();
    }

    private bool Guard(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (TlsFatalAlertReceived received)
        {
            _state.Fail(TlsHandshakeState.DescribeReceivedAlert(received.AlertDescription, "other side"));
        }
        catch (TlsFatalAlert alert)
        {
            _state.Fail($"TLS alert {TlsKeyExporter.Describe(alert.AlertDescription, alert.Message)}");
        }
        catch (IOException exception)
        {
            _state.Fail($"TLS failed: {exception.Message}");
        }
        catch (InvalidOperationException exception)
        {
            _state.Fail($"TLS failed: {exception.Message}");
        }

        return false;
    }
}
