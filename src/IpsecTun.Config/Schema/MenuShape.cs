namespace IpsecTun.Config.Schema;

/// <summary>Whether a menu holds a list of entries (<c>/ip ipsec peer</c>) or one set of values (<c>/ip dns</c>).</summary>
internal enum MenuShape
{
    List,
    Single,
}
