namespace IpsecTun.Config;

/// <summary>The <c>/ip ipsec settings</c> menu.</summary>
/// <param name="InterimUpdate">Interval of RADIUS accounting interim updates; zero sends none.</param>
public sealed record IpsecSettings(bool Accounting, TimeSpan InterimUpdate, bool XauthUseRadius);
