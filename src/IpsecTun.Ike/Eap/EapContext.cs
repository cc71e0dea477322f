using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Eap;

/// <summary>What an <see cref="IEapAuthenticator"/> is created for: the IKE SA (to resume when an answer arrives later) and the initiator's IKE identity.</summary>
public sealed record EapContext(IkeSa Sa, IkeIdentity InitiatorId);
