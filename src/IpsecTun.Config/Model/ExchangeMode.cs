namespace IpsecTun.Config;

/// <summary>
/// A peer's exchange-mode. RouterOS also has main, aggressive and base, which are IKEv1: loading
/// rejects them until IKEv1 exists, so a loaded peer is always <see cref="Ike2"/>.
/// </summary>
public enum ExchangeMode
{
    Ike2,
}
