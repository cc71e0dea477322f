using System.Text;
using IpsecTun.Crypto;
using IpsecTun.Eap.Methods;
using IpsecTun.Eap.Packets;

namespace IpsecTun.Eap;

/// <summary>
/// The server (authenticator) side of an EAP conversation with a local user store: asks for the identity,
/// proposes the configured methods in their configured order, and on a Nak moves to the first configured
/// method the peer listed that has not been tried. Responses whose identifier is not that of the outstanding
/// Request are discarded (RFC 3748 §4.1); retransmitting <see cref="OutstandingRequest"/> is the caller's job.
/// </summary>
public sealed class EapServer : IDisposable
{
    private readonly EapType[] _methods;
    private readonly EapUserLookup _users;
    private readonly RandomSource _random;
    private readonly EapTlsSettings? _tls;
    private readonly List<EapType> _tried = [];
    private EapCredentials? _credentials;
    private EapServerMethod? _method;
    private bool _methodAnswered;
    private bool _unknownIdentity;
    private bool _finished;

    /// <param name="methods">The methods to offer, most preferred first.</param>
    /// <param name="users">Finds the password of the identity the peer gives.</param>
    /// <param name="random">Source of the first identifier and of the methods' challenges.</param>
    /// <param name="tls">The server certificate and CAs for EAP-TLS, EAP-TTLS and PEAP; required when one is offered.</param>
    public EapServer(IReadOnlyList<EapType> methods, EapUserLookup users, RandomSource random, EapTlsSettings? tls = null)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(random);
        if (methods.Count == 0 || methods.Any(type => !EapMethods.IsSupported(type)))
        {
            throw new ArgumentException("At least one method is needed, and every method must be supported.", nameof(methods));
        }

        if (tls?.Certificate is null && methods.Any(EapMethods.IsTlsBased))
        {
            throw new ArgumentException("TLS-based EAP methods need TLS settings with the server certificate.", nameof(tls));
        }

        EapMethods.Validate(tls);
        _methods = [.. methods];
        _users = users;
        _random = random;
        _tls = tls;
    }

    /// <summary>The Request awaiting a Response, null before <see cref="Start"/> and after the end.</summary>
    public EapPacket? OutstandingRequest { get; private set; }

    /// <summary>The identity the peer gave, once it has.</summary>
    public string? Identity { get; private set; }

    /// <summary>Why the running method has failed while it still waits for the peer to acknowledge it (<see cref="Methods.EapServerMethod.PendingFailure"/>).</summary>
    public string? PendingFailure => _method?.PendingFailure;

    /// <summary>Opens the conversation with an Identity Request.</summary>
    public EapOutcome Start()
    {
        if (OutstandingRequest is not null || _finished)
        {
            throw new InvalidOperationException("The conversation has already started.");
        }

        Span<byte> identifier = stackalloc byte[1];
        _random.Fill(identifier);
        return Ask(EapPacket.Request(identifier[0], EapType.Identity, []));
    }

    /// <summary>Parses and handles one packet from the peer; a malformed packet is discarded.</summary>
    public EapOutcome Process(ReadOnlySpan<byte> packet) =>
        EapPacket.TryParse(packet, out var parsed, out _) ? Process(parsed!) : EapOutcome.Discarded("malformed EAP packet");

    public EapOutcome Process(EapPacket response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var request = OutstandingRequest;
        if (request is null)
        {
            return EapOutcome.Discarded("no EAP request outstanding");
        }

        if (response.Code != EapCode.Response || response.Identifier != request.Identifier)
        {
            return EapOutcome.Discarded("not a response to the outstanding EAP request");
        }

        if (_method is null)
        {
            return response.Type == EapType.Identity ? OnIdentity(response) : EapOutcome.Discarded($"expected an Identity response, got {response.Type}");
        }

        if (response.Type == EapType.Nak && !_methodAnswered)
        {
            return OnNak(response);
        }

        if (response.Type != _method.Type)
        {
            return EapOutcome.Discarded($"expected a {_method.Type} response, got {response.Type}");
        }

        _methodAnswered = true;
        byte next = (byte)(request.Identifier + 1);
        var step = _method.Process(response.TypeData, next);
        return step.Kind switch
        {
            EapStepKind.Continue => Ask(EapPacket.Request(next, _method.Type, step.Data!)),
            EapStepKind.Done when !_unknownIdentity || EapMethods.IsTlsBased(_method.Type) => Finish(EapOutcome.Succeeded(EapPacket.Success(response.Identifier), step.Keys)),
            EapStepKind.Done or EapStepKind.Fail => Fail(response, _unknownIdentity ? "unknown EAP identity" : step.Reason!),
            _ => EapOutcome.Discarded(step.Reason!),
        };
    }

    private EapOutcome OnIdentity(EapPacket response)
    {
        string identity;
        try
        {
            identity = new UTF8Encoding(false, true).GetString(response.TypeData);
        }
        catch (DecoderFallbackException)
        {
            return Fail(response, "identity is not valid UTF-8");
        }

        Identity = identity;
        _credentials = _users(identity);
        if (_credentials is null)
        {
            // Run the method against a random password so that an unknown user fails exactly like a wrong
            // password and the exchange does not reveal which user names exist.
            _unknownIdentity = true;
            Span<byte> password = stackalloc byte[16];
            _random.Fill(password);
            _credentials = new EapCredentials(identity, Convert.ToHexString(password));
            password.Clear();
        }

        return StartMethod(_methods[0], response);
    }

    private EapOutcome OnNak(EapPacket response)
    {
        var wanted = response.TypeData;
        foreach (var type in _methods)
        {
            if (!_tried.Contains(type) && wanted.Contains((byte)type))
            {
                return StartMethod(type, response);
            }
        }

        return Fail(response, "no EAP method in common with the peer");
    }

    private EapOutcome StartMethod(EapType type, EapPacket response)
    {
        _method?.Dispose();
        _tried.Add(type);
        _method = EapMethods.CreateServer(type, _credentials!, _random, _tls, _users);
        _methodAnswered = false;
        byte identifier = (byte)(response.Identifier + 1);
        return Ask(EapPacket.Request(identifier, type, _method.Start(identifier)));
    }

    private EapOutcome Ask(EapPacket request)
    {
        OutstandingRequest = request;
        return EapOutcome.Send(request);
    }

    private EapOutcome Fail(EapPacket response, string reason) =>
        Finish(EapOutcome.Failed(EapPacket.Failure(response.Identifier), reason));

    private EapOutcome Finish(EapOutcome outcome)
    {
        _finished = true;
        OutstandingRequest = null;
        return outcome;
    }

    public void Dispose()
    {
        _method?.Dispose();
        _credentials?.Dispose();
    }
}
