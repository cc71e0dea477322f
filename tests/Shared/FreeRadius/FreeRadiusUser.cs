using System.Net;

namespace IpsecTun.Tests.Shared.FreeRadius;

/// <summary>A user in FreeRADIUS's files module, and the Framed-IP-Address its Access-Accept carries when given.</summary>
internal sealed record FreeRadiusUser(string Name, string Password, IPAddress? FramedIpAddress = null)
{
    /// <summary>The user's entry in <c>mods-config/files/authorize</c>: the check item, then the reply items indented.</summary>
    public string ToUsersEntry() =>
        $"{Name} Cleartext-Password := \"{Password}\"\n" + (FramedIpAddress is null ? "" : $"\tFramed-IP-Address = {FramedIpAddress}\n");
}
