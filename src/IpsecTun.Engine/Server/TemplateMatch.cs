using IpsecTun.Config;
using IpsecTun.Core;

namespace IpsecTun.Engine.Server;

/// <summary>The template that admitted an initiator's traffic selectors, and the policy to generate from them.</summary>
/// <param name="Template">The first template of the group that matched; its proposal, level and protocols apply.</param>
/// <param name="Selector">The dynamic policy's selector, from the responder's view (source = TSr, destination = TSi).</param>
/// <param name="Narrowed">True when the proposal was wider than the template and was narrowed to it (RFC 7296 §2.9).</param>
public sealed record TemplateMatch(Policy Template, TrafficSelector Selector, bool Narrowed);
