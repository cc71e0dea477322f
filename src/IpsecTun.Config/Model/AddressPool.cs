using System.Collections.Immutable;

namespace IpsecTun.Config;

/// <summary>An <c>/ip pool</c> entry: addresses mode-config hands out.</summary>
/// <param name="NextPool">The pool to take from when this one is exhausted.</param>
public sealed record AddressPool(string Name, ImmutableArray<AddressRange> Ranges, string? NextPool, string? Comment);
