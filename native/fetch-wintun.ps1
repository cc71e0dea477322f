#!/usr/bin/env pwsh
# Fetches wintun.dll for a Windows build: downloads wintun-0.14.1.zip from wintun.net (or takes a copy
# given with -Zip), refuses it unless its SHA-256 equals the pin in native/wintun.sha256, and copies the
# DLL of one architecture, checked by its PE machine type, into the publish directory beside ipsectun.exe.
# Packaging runs it after `dotnet publish -r win-x64`; CI does not (it needs the network).
#   dotnet pwsh native/fetch-wintun.ps1 [-Destination artifacts/publish/win-x64] [-Architecture amd64] [-Zip FILE]
param(
    [string] $Destination = (Join-Path $PSScriptRoot '../artifacts/publish/win-x64'),
    [ValidateSet('amd64', 'arm64', 'x86', 'arm')]
    [string] $Architecture = 'amd64',
    [string] $Zip = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$version = '0.14.1'
$archive = "wintun-$version.zip"
$url = "https://www.wintun.net/builds/$archive"
$machines = @{ amd64 = 0x8664; arm64 = 0xAA64; x86 = 0x014C; arm = 0x01C4 }

$pinLine = Get-Content (Join-Path $PSScriptRoot 'wintun.sha256') | Where-Object { $_ -match "\s$([regex]::Escape($archive))$" }
if (-not $pinLine) { throw "native/wintun.sha256 has no checksum for $archive" }
$pin = ($pinLine -split '\s+')[0].ToLowerInvariant()

$work = Join-Path ([IO.Path]::GetTempPath()) "wintun-$([guid]::NewGuid())"
New-Item -ItemType Directory -Path $work | Out-Null
try {
    if (-not $Zip) {
        $Zip = Join-Path $work $archive
        Write-Host "> download $url"
        Invoke-WebRequest -Uri $url -OutFile $Zip
    }

    $actual = (Get-FileHash -Algorithm SHA256 -Path $Zip).Hash.ToLowerInvariant()
    if ($actual -ne $pin) { throw "$Zip has SHA-256 $actual, expected $pin (native/wintun.sha256): not using it" }
    Write-Host "SHA-256 of $archive verified: $actual"

    Expand-Archive -Path $Zip -DestinationPath $work
    $dll = Join-Path $work "wintun/bin/$Architecture/wintun.dll"
    if (-not (Test-Path $dll)) { throw "$archive has no wintun/bin/$Architecture/wintun.dll" }

    # IMAGE_FILE_HEADER.Machine sits 4 bytes after the PE signature, whose offset is at 0x3C.
    $bytes = [IO.File]::ReadAllBytes($dll)
    $peOffset = [BitConverter]::ToInt32($bytes, 0x3C)
    $machine = [BitConverter]::ToUInt16($bytes, $peOffset + 4)
    if ($machine -ne $machines[$Architecture]) { throw ("wintun.dll is for machine 0x{0:X4}, not {1}" -f $machine, $Architecture) }

    New-Item -ItemType Directory -Force -Path $Destination | Out-Null
    Copy-Item -Path $dll -Destination (Join-Path $Destination 'wintun.dll') -Force
    $license = Join-Path $work 'wintun/LICENSE.txt'
    if (Test-Path $license) { Copy-Item -Path $license -Destination (Join-Path $Destination 'wintun-LICENSE.txt') -Force }
    Write-Host "wintun.dll ($Architecture) placed in $Destination"
}
finally {
    Remove-Item -Recurse -Force -Path $work -ErrorAction SilentlyContinue
}
