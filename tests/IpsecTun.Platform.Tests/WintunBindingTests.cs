using System.Reflection;
using System.Runtime.InteropServices;
using IpsecTun.Platform.Windows;

namespace IpsecTun.Platform.Tests;

/// <summary>The wintun.dll bindings name every function of wintun.h that the device uses, as the DLL exports them.</summary>
public sealed class WintunBindingTests
{
    public static readonly TheoryData<string> Functions =
    [
        "WintunCreateAdapter", "WintunOpenAdapter", "WintunCloseAdapter", "WintunGetAdapterLUID",
        "WintunGetRunningDriverVersion", "WintunStartSession", "WintunEndSession", "WintunGetReadWaitEvent",
        "WintunReceivePacket", "WintunReleaseReceivePacket", "WintunAllocateSendPacket", "WintunSendPacket",
    ];

    [Theory]
    [MemberData(nameof(Functions))]
    public void Each_function_is_a_source_generated_import_from_wintun_dll(string function)
    {
        MethodInfo method = typeof(WintunApi).GetMethod(function, BindingFlags.Public | BindingFlags.Static)!;
        Assert.NotNull(method);
        LibraryImportAttribute import = method.GetCustomAttribute<LibraryImportAttribute>()!;
        Assert.NotNull(import);
        Assert.Equal("wintun.dll", import.LibraryName);
        Assert.Null(import.EntryPoint);
    }

    [Theory]
    [InlineData("WintunCreateAdapter")]
    [InlineData("WintunOpenAdapter")]
    public void Adapter_names_are_passed_as_UTF_16_as_LPCWSTR_requires(string function)
    {
        LibraryImportAttribute import = typeof(WintunApi).GetMethod(function)!.GetCustomAttribute<LibraryImportAttribute>()!;
        Assert.Equal(StringMarshalling.Utf16, import.StringMarshalling);
    }
}
