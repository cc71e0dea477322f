using System.Security.Cryptography;
using System.Text;
using IpsecTun.Crypto;
using IpsecTun.Eap.Methods;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap;

/// <summary>
/// The peer (client) side of an EAP conversation (RFC 3748 §2): answers Identity and Notification, runs the
/// first configured method the server proposes, and answers any other proposal with a Nak listing the
/// configured methods in their configured order. A repeated Request identifier is a retransmission and gets
/// the same Response again (§4.1). Sans-I/O: each packet in, one <see cref="EapOutcome"/> out.
/// </summary>
public sealed class EapPeer : IDisposable
{
    private readonly EapCredentials _credentials;
    private readonly EapType[] _methods;
    private readonly RandomSource _random;
    private readonly EapTlsSettings? _tls;
    private EapPeerMethod? _method;
    private EapKeys? _keys;
    private bool _methodDone;
    private string? _methodFailure;
    private EapPacket? _lastResponse;
    private bool _finished;

    /// <param name="credentials">Owned by the caller, who disposes them after the conversation.</param>
    /// <param name="methods">The acceptable methods, most preferred first.</param>
    /// <param name="random">Source of the challenges a method sends (MS-CHAPv2's peer challenge).</param>
    /// <param name="tls">Certificates and inner method for EAP-TLS, EAP-TTLS and PEAP; required when one is listed.</param>
    public EapPeer(EapCredentials credentials, IReadOnlyList<EapType> methods, RandomSource random, EapTlsSettings? tls = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(random);
        foreach (var type in methods)
        {
            if (!EapMethods.IsSupported(type))
            {
                throw new ArgumentException($"EAP method {type} is not supported.", nameof(methods));
            }

            if (tls is null && EapMethods.IsTlsBased(type))
            {
                throw new ArgumentException($"EAP method {type} needs TLS settings.", nameof(tls));
            }
        }

        EapMethods.Validate(tls);
        _credentials = credentials;
        _methods = [.. methods];
        _random = random;
        _tls = tls;
    }

    /// <summary>Whether the method has reached a point where EAP-Success is acceptable (for tunnelled EAP).</summary>
    internal bool MethodCompleted => _methodDone;

    /// <summary>Why the method failed, if it has (for tunnelled EAP, whose inner failure has no EAP-Failure).</summary>
    internal string? MethodFailure => _methodFailure;

    /// <summary>The keys of the completed method, handed over to the caller (for tunnelled EAP).</summary>
    internal EapKeys? TakeMethodKeys()
    {
        var keys = _keys;
        _keys = null;
        return keys;
    }

    /// <summary>Parses and handles one packet from the server; a malformed packet is discarded.</summary>
    public EapOutcome Process(ReadOnlySpan<byte> packet) =>
        EapPacket.TryParse(packet, out var parsed, out _) ? Process(parsed!) : EapOutcome.Discarded("malformed EAP packet");

    public EapOutcome Process(EapPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (_finished)
        {
            return EapOutcome.Discarded("EAP conversation already finished");
        }

        return packet.Code switch
        {
            EapCode.Request => OnRequest(packet),
            EapCode.Success => OnSuccess(),
            EapCode.Failure => Finish(EapOutcome.Failed(null, _methodFailure ?? "server sent EAP-Failure")),
            _ => EapOutcome.Discarded("EAP Response sent to the peer"),
        };
    }

    private EapOutcome OnSuccess()
    {
        // A Success before the method has finished would let a server skip authentication (RFC 3748 §7.16).
        if (!_methodDone)
        {
            return Finish(EapOutcome.Failed(null, "EAP-Success before the method completed"));
        }

        var keys = _keys;
        _keys = null;
        return Finish(EapOutcome.Succeeded(null, keys));
    }

    private EapOutcome OnRequest(EapPacket request)
    {
        if (_lastResponse is not null && request.Identifier == _lastResponse.Identifier)
        {
            return EapOutcome.Send(_lastResponse);
        }

        switch (request.Type)
        {
            case EapType.Identity when _method is null:
                return Answer(request, EapType.Identity, Encoding.UTF8.GetBytes(_tls?.OuterIdentity ?? _credentials.Identity));
            case EapType.Notification:
                return Answer(request, EapType.Notification, []);
            case EapType.Identity or EapType.Nak:
                return EapOutcome.Discarded($"unexpected EAP {request.Type} request");
        }

        if (_method is null)
        {
            if (Array.IndexOf(_methods, request.Type) < 0)
            {
                return Answer(request, EapType.Nak, NakData());
            }

            _method = EapMethods.CreatePeer(request.Type, _credentials, _random, _tls);
        }
        else if (request.Type != _method.Type || (_methodDone && !_method.ContinuesAfterDone) || _methodFailure is not null)
        {
            return EapOutcome.Discarded($"unexpected EAP {request.Type} request during {_method.Type}");
        }

        var step = _method.Respond(request.Identifier, request.TypeData);
        switch (step.Kind)
        {
            case EapStepKind.Continue:
                return Answer(request, _method.Type, step.Data!);
            case EapStepKind.Done:
                _methodDone = true;
                _keys?.Dispose();
                _keys = step.Keys;
                return step.Data is null
                    ? EapOutcome.Discarded("method finished without a response")
                    : Answer(request, _method.Type, step.Data);
            case EapStepKind.Fail:
                _methodFailure = step.Reason;
                return step.Data is null
                    ? Finish(EapOutcome.Failed(null, step.Reason!))
                    : Answer(request, _method.Type, step.Data);
            default:
                if (_lastResponse?.Type != _method.Type)
                {
                    // A malformed first request must not lock the peer into a method it never answered.
                    _method.Dispose();
                    _method = null;
                }

                return EapOutcome.Discarded(step.Reason!);
        }
    }

    /// <summary>
    /// The Identity Response that opens tunnelled EAP unasked (RFC 5281 §11.2.1). It answers no request of the
    /// server's, so it is not kept for retransmission: the server's first real request may carry any identifier.
    /// </summary>
    internal EapPacket OpenWithIdentity()
    {
        EapOutcome outcome = Process(EapPacket.Request(0, EapType.Identity, []));
        _lastResponse = null;
        return outcome.Packet!;
    }

    private byte[] NakData()
    {
        // A Nak with the single type 0 says there is no alternative (RFC 3748 §5.3.1).
        return _methods.Length == 0 ? [0] : [.. _methods.Select(type => (byte)type)];
    }

    private EapOutcome Answer(EapPacket request, EapType type, byte[] data)
    {
        _lastResponse = EapPacket.Response(request.Identifier, type, data);
        CryptographicOperations.ZeroMemory(data);
        return EapOutcome.Send(_lastResponse);
    }

    private EapOutcome Finish(EapOutcome outcome)
    {
        _finished = true;
        _lastResponse = null;
        return outcome;
    }

    public void Dispose()
    {
        _method?.Dispose();
        _keys?.Dispose();
    }
}
