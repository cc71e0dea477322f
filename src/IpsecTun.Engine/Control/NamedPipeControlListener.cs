using System.IO.Pipes;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace IpsecTun.Engine.Control;

/// <summary>
/// The control socket on Windows: a named pipe whose access list admits only the endpoint's own user
/// and the Administrators group. The first instance is created with FirstPipeInstance, so a second
/// endpoint on the same name fails at start instead of sharing it.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class NamedPipeControlListener : IControlListener
{
    private readonly string pipeName;
    private readonly PipeSecurity security;
    private NamedPipeServerStream? waiting;

    private NamedPipeControlListener(string path, string pipeName, PipeSecurity security, NamedPipeServerStream first)
    {
        Path = path;
        this.pipeName = pipeName;
        this.security = security;
        waiting = first;
    }

    public string Path { get; }

    public static NamedPipeControlListener Open(string path)
    {
        var name = ControlPath.PipeName(path);
        var security = CreateSecurity();
        try
        {
            return new NamedPipeControlListener(path, name, security, CreateInstance(name, security, PipeOptions.FirstPipeInstance));
        }
        catch (UnauthorizedAccessException)
        {
            throw new ControlSocketInUseException($"another endpoint is running at {path}");
        }
    }

    public async Task<AcceptedClient> AcceptAsync(CancellationToken cancellationToken)
    {
        var pipe = waiting ?? CreateInstance(pipeName, security, PipeOptions.None);
        waiting = null;
        try
        {
            await pipe.WaitForConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // The access list already kept everyone else out of the pipe.
        return new AcceptedClient(pipe, null);
    }

    public void Dispose() => waiting?.Dispose();

    /// <summary>Full control for the endpoint's own user, read and write for Administrators, nothing for anyone else.</summary>
    internal static PipeSecurity CreateSecurity()
    {
        var security = new PipeSecurity();
        using var identity = WindowsIdentity.GetCurrent();
        security.SetOwner(identity.User!);
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.AddAccessRule(new PipeAccessRule(identity.User!, PipeAccessRights.FullControl, AccessControlType.Allow));
        security.AddAccessRule(new PipeAccessRule(new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null), PipeAccessRights.ReadWrite, AccessControlType.Allow));
        return security;
    }

    private static NamedPipeServerStream CreateInstance(string name, PipeSecurity security, PipeOptions options) =>
        NamedPipeServerStreamAcl.Create(
            name,
            PipeDirection.InOut,
            NamedPipeServerStream.MaxAllowedServerInstances,
            PipeTransmissionMode.Byte,
            PipeOptions.Asynchronous | options,
            inBufferSize: 0,
            outBufferSize: 0,
            security);
}
