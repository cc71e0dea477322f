using System.Collections.Immutable;

namespace IpsecTun.Config;

/// <summary>An <c>/ip ipsec identity</c> entry: how a peer is authenticated and what it is given.</summary>
/// <param name="ModeConfig">The mode-config entry's name, or null for <c>none</c>.</param>
/// <param name="PolicyTemplateGroup">The template group generated policies are checked against, or null for <c>none</c>.</param>
public sealed record Identity(
    AuthMethod AuthMethod,
    string? Certificate,
    string? Comment,
    bool Disabled,
    ImmutableArray<EapMethod> EapMethods,
    GeneratePolicy GeneratePolicy,
    string? Key,
    MatchBy MatchBy,
    string? ModeConfig,
    IdentityId MyId,
    string? NotrackChain,
    Secret? Password,
    string Peer,
    string? PolicyTemplateGroup,
    string? RemoteCertificate,
    IdentityId RemoteId,
    string? RemoteKey,
    Secret? Secret,
    string? Username);
