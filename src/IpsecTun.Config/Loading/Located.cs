namespace IpsecTun.Config.Loading;

/// <summary>A model value with the reader it came from, so that later checks can name its source and entry.</summary>
internal sealed record Located<T>(T Value, EntryReader Origin);
