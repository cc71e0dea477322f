namespace IpsecTun.Engine.Control;

/// <summary>Progress of a connect, in the order a negotiation passes through it.</summary>
public enum ConnectPhase
{
    /// <summary>IKE_SA_INIT sent or under way (phase 1).</summary>
    Phase1,

    /// <summary>IKE_AUTH under way.</summary>
    Authentication,

    /// <summary>The IKE SA is up and the Child SAs are being negotiated (phase 2).</summary>
    Phase2,

    /// <summary>Every Child SA the peer's policies need is installed.</summary>
    Established,
}
