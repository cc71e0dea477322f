namespace IpsecTun.Engine.Control.Protocol;

/// <summary>
/// This client may not control the endpoint (its user is neither root nor the endpoint's own); the
/// reason names both. Apart from <see cref="ErrorResponse"/> so a client can tell a permission problem,
/// which its user fixes, from a request that failed.
/// </summary>
public sealed record RefusedResponse(string Message) : ControlResponse;
