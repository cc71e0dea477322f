namespace IpsecTun.Config.Loading;

/// <summary>What every reader of one load shares: where values came from, the errors so far, and the directory relative paths start from.</summary>
internal sealed record LoadContext(SourceLocator Sources, ErrorList Errors, string BaseDirectory);
