namespace IpsecTun.Config;

/// <summary>An identity's match-by: what selects this identity for a remote peer.</summary>
public enum MatchBy
{
    RemoteId,
    Certificate,
}
