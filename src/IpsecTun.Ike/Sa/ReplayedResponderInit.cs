using IpsecTun.Crypto;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// What a responder would otherwise draw for IKE_SA_INIT (its SPI, nonce and key exchange), fixed to the values
/// another responder used in a recorded exchange. SKEYSEED then comes out as in the recording, so the recorded
/// initiator's later messages open. Only tests set it (<see cref="IkeSa.ReplayedInit"/>); no configuration does.
/// </summary>
internal sealed record ReplayedResponderInit(ulong Spi, byte[] Nonce, KeyExchange KeyExchange);
