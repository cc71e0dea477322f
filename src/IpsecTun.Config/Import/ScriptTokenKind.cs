namespace IpsecTun.Config.Import;

internal enum ScriptTokenKind
{
    Word,
    Assignment,
    Bracket,
}
