namespace IpsecTun.Config.Import;

/// <summary>A command resolved against the menu tree: its menu, its verb and what follows the verb.</summary>
/// <param name="Menu">The menu node, or null beyond the menus import knows.</param>
/// <param name="Display">The menu as RouterOS writes it, with abbreviations expanded where known: <c>/ip ipsec mode-config</c>.</param>
internal sealed record ScriptCommand(int Line, MenuNode? Menu, string Display, string Verb, IReadOnlyList<ScriptToken> Arguments);
