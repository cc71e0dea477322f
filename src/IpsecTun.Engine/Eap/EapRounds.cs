using IpsecTun.Eap;
using IpsecTun.Ike.Eap;

namespace IpsecTun.Engine.Eap;

/// <summary>Turns what the EAP library decided about one packet into the round IKE_AUTH carries.</summary>
internal static class EapRounds
{
    /// <summary>The round for <paramref name="outcome"/>; a server also names the user and what RADIUS assigned.</summary>
    public static EapRound From(EapOutcome outcome, string? identity = null, System.Net.IPAddress? assigned = null)
    {
        byte[]? packet = outcome.Packet?.ToArray();
        switch (outcome.Kind)
        {
            case EapOutcomeKind.Send:
                return EapRound.Send(packet!);
            case EapOutcomeKind.Succeeded:
                using (EapKeys? keys = outcome.Keys)
                {
                    return EapRound.Succeeded(packet, keys?.Msk.ToArray(), identity, assigned);
                }

            case EapOutcomeKind.Failed:
                return EapRound.Failed(packet, outcome.Reason ?? "EAP authentication failed");
            default:
                return EapRound.Failed(packet, $"EAP packet discarded: {outcome.Reason}");
        }
    }
}
