namespace IpsecTun.Eap.Radius;

public enum RadiusTimeoutAction
{
    /// <summary>Send the same datagram again (same identifier and authenticator, RFC 5080 §2.2.1).</summary>
    Retransmit,

    /// <summary>Move to <see cref="RadiusRetransmission.ServerIndex"/> with <see cref="RadiusEapRelay.FailOver"/>.</summary>
    FailOver,

    /// <summary>No server answered: the authentication fails.</summary>
    GiveUp,
}
