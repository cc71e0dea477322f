namespace IpsecTun.Config.Import;

/// <summary>A menu of the RouterOS console tree as far as import needs it.</summary>
/// <param name="Schema">The configuration menu it imports into, or null for a menu import skips.</param>
internal sealed record MenuNode(string Name, Schema.MenuSchema? Schema, IReadOnlyList<MenuNode> Children)
{
    public MenuNode? Child(string name) => Children.FirstOrDefault(c => c.Name == name);
}
