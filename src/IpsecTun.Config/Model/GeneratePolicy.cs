namespace IpsecTun.Config;

/// <summary>An identity's generate-policy: whether a responder creates policies from the initiator's traffic selectors.</summary>
public enum GeneratePolicy
{
    No,

    /// <summary>Generate policies that match any port.</summary>
    PortOverride,

    /// <summary>Generate policies with the ports the peer proposed, which must match the template.</summary>
    PortStrict,
}
