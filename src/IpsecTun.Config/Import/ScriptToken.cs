namespace IpsecTun.Config.Import;

/// <summary>
/// A word of a command: a bare word (<c>add</c>, <c>/ip</c>), an assignment (<c>name=office</c>, the
/// value unquoted), or a bracketed expression (<c>[ find name=x ]</c>, its inside in <see cref="Text"/>).
/// </summary>
internal sealed record ScriptToken(ScriptTokenKind Kind, string Text, string? Value = null)
{
    public bool IsWord(string word) => Kind == ScriptTokenKind.Word && Text == word;
}
