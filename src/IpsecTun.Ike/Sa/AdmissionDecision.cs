namespace IpsecTun.Ike.Sa;

/// <summary>What the host does with an IKE_SA_INIT request that matches no IKE SA.</summary>
public enum AdmissionDecision
{
    /// <summary>Create a responder IKE SA, hand it the request and <see cref="ResponderAdmission.Track"/> it.</summary>
    Create,

    /// <summary>Send the COOKIE reply back; no state is created.</summary>
    Cookie,

    /// <summary>Drop the request: too many half-open SAs, or too many SAs with this peer.</summary>
    Drop,
}
