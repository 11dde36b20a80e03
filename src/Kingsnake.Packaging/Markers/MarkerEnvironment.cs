namespace Kingsnake.Packaging.Markers;

/// <summary>The PEP 508 marker variables of one target environment, plus the extra being installed.</summary>
public sealed record MarkerEnvironment(
    string ImplementationName,
    string ImplementationVersion,
    string OsName,
    string PlatformMachine,
    string PlatformRelease,
    string PlatformSystem,
    string PlatformVersion,
    string PythonFullVersion,
    string PlatformPythonImplementation,
    string PythonVersion,
    string SysPlatform,
    string Extra = "")
{
    /// <summary>The marker variable names, as markers spell them after normalization.</summary>
    public static IReadOnlyList<string> VariableNames { get; } =
    [
        "implementation_name", "implementation_version", "os_name", "platform_machine", "platform_release",
        "platform_system", "platform_version", "python_full_version", "platform_python_implementation",
        "python_version", "sys_platform", "extra",
    ];

    /// <summary>The value of a marker variable; null for a name that is not one.</summary>
    public string? Get(string variable) => variable switch
    {
        "implementation_name" => ImplementationName,
        "implementation_version" => ImplementationVersion,
        "os_name" => OsName,
        "platform_machine" => PlatformMachine,
        "platform_release" => PlatformRelease,
        "platform_system" => PlatformSystem,
        "platform_version" => PlatformVersion,
        "python_full_version" => PythonFullVersion,
        "platform_python_implementation" => PlatformPythonImplementation,
        "python_version" => PythonVersion,
        "sys_platform" => SysPlatform,
        "extra" => Extra,
        _ => null,
    };

    /// <summary>
    /// A plausible CPython environment for <paramref name="pythonVersion"/> (<c>3.12</c> or <c>3.12.4</c>) on the given
    /// platform. Values a target cannot tell us (kernel release and build string) are typical ones, so markers
    /// on them are best evaluated with <see cref="Marker.EvaluatePartial"/> instead.
    /// </summary>
    public static MarkerEnvironment ForPython(string pythonVersion, string sysPlatform = "linux", string platformMachine = "x86_64")
    {
        var parts = pythonVersion.Trim().Split('.');
        var shortVersion = parts.Length >= 2 ? parts[0] + "." + parts[1] : parts[0];
        var fullVersion = parts.Length >= 3 ? pythonVersion.Trim() : shortVersion + (parts.Length == 2 ? ".0" : ".0.0");
        var (osName, system, release, version, machine) = sysPlatform switch
        {
            "win32" => ("nt", "Windows", "10", "10.0.19045", platformMachine == "x86_64" ? "AMD64" : platformMachine),
            "darwin" => ("posix", "Darwin", "23.6.0", "Darwin Kernel Version 23.6.0", platformMachine),
            "cygwin" => ("posix", "CYGWIN_NT-10.0-19045", "3.5.4-1.x86_64", "2024-08-25 16:52 UTC", platformMachine),
            "emscripten" => ("posix", "Emscripten", "3.1.58", "#1", "wasm32"),
            "aix" => ("posix", "AIX", "3", "7", platformMachine),
            _ when sysPlatform.StartsWith("freebsd", StringComparison.Ordinal) =>
                ("posix", "FreeBSD", "14.1-RELEASE", "FreeBSD 14.1-RELEASE", platformMachine == "x86_64" ? "amd64" : platformMachine),
            _ => ("posix", "Linux", "6.8.0", "#1 SMP PREEMPT_DYNAMIC", platformMachine),
        };
        return new MarkerEnvironment(
            ImplementationName: "cpython",
            ImplementationVersion: fullVersion,
            OsName: osName,
            PlatformMachine: machine,
            PlatformRelease: release,
            PlatformSystem: system,
            PlatformVersion: version,
            PythonFullVersion: fullVersion,
            PlatformPythonImplementation: "CPython",
            PythonVersion: shortVersion,
            SysPlatform: sysPlatform);
    }

    /// <summary>The same environment while installing <paramref name="extra"/>.</summary>
    public MarkerEnvironment WithExtra(string extra) => this with { Extra = extra };
}
