#!/usr/bin/env pwsh
# Build entry point: ./build.ps1 [build|test|bench|pack] [-Configuration Release] [-Filter PATTERN]
# Runs under PowerShell 7 from the repository's tool manifest: dotnet tool restore; dotnet pwsh ./build.ps1 test
param(
    [ValidateSet('build', 'test', 'bench', 'pack')]
    [string] $Target = 'build',
    [string] $Configuration = 'Release',
    # bench: BenchmarkDotNet filter, for example '*AeadSeal*'; defaults to every benchmark.
    [string] $Filter = '*',
    # bench: BenchmarkDotNet job; 'short' for a quick look, 'default' for the figures in docs/benchmarks.md.
    [ValidateSet('short', 'medium', 'default')]
    [string] $Job = 'short',
    # test: directory for the TRX results that the summary line is read from.
    [string] $Results = (Join-Path $PSScriptRoot 'artifacts/test-results')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Set-Location $PSScriptRoot

function Invoke-Checked([string] $File, [string[]] $Arguments) {
    Write-Host "> $File $($Arguments -join ' ')"
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File exited with code $LASTEXITCODE" }
}

# Sums the TRX files of one run into the line CI reads: 'N passed, N failed, N skipped'.
function Write-TestSummary([string] $Directory) {
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($file in Get-ChildItem -Path $Directory -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -Raw $file.FullName)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $skipped += [int]$counters.notExecuted
    }
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($passed + $failed -eq 0) { throw 'no test ran' }
}

switch ($Target) {
    'build' {
        Invoke-Checked dotnet @('build', 'IpsecTun.sln', '-c', $Configuration)
    }
    'test' {
        Invoke-Checked dotnet @('build', 'IpsecTun.sln', '-c', $Configuration)
        if (Test-Path $Results) { Remove-Item -Recurse -Force $Results }
        Write-Host "> dotnet test --solution IpsecTun.sln"
        & dotnet test --solution IpsecTun.sln -c $Configuration --no-build --results-directory $Results --report-xunit-trx
        $testExit = $LASTEXITCODE
        Write-TestSummary $Results
        if ($testExit -ne 0) { throw "dotnet test exited with code $testExit" }
    }
    'bench' {
        Invoke-Checked dotnet @('run', '--project', 'tests/IpsecTun.Benchmarks', '-c', 'Release', '--',
            '--filter', $Filter, '--job', $Job, '--memory', '--artifacts', (Join-Path $PSScriptRoot 'artifacts/benchmarks'))
    }
    'pack' {
        $out = Join-Path $PSScriptRoot 'artifacts/publish'
        Invoke-Checked dotnet @('publish', 'src/IpsecTun.Cli', '-c', $Configuration, '-r', 'linux-x64',
            '--self-contained', 'false', '-o', (Join-Path $out 'linux-x64'))
        Invoke-Checked dotnet @('publish', 'src/IpsecTun.Cli', '-c', $Configuration, '-r', 'win-x64',
            '--self-contained', 'false', '-o', (Join-Path $out 'win-x64'))
        # wintun.dll is not built here: fetched from wintun.net and checked against the pinned SHA-256.
        & (Join-Path $PSScriptRoot 'native/fetch-wintun.ps1') -Destination (Join-Path $out 'win-x64') -Architecture amd64
    }
}
