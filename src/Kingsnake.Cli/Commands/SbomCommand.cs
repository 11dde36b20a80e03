using System.CommandLine;
using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Output;
using Kingsnake.Posture.Sbom;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// <c>kingsnake sbom [PATH] [--env DIR] [--format cyclonedx|spdx] [--spec-version 1.6|1.7] [-o FILE] [--reproducible]</c>:
/// writes a software bill of materials of a project (PATH, default the current directory: its lock, else its
/// requirements, else its declared dependencies), of an installed environment (<c>--env</c>: a site-packages
/// directory or a virtualenv), or of a distribution file (PATH ending in <c>.whl</c>, <c>.tar.gz</c> or <c>.zip</c>).
/// CycloneDX JSON 1.6 by default, or 1.7, or SPDX 2.3 JSON; to stdout or atomically to <c>-o FILE</c>. A file of the
/// input that cannot be read is reported on stderr and left out (exit 0); a PATH that does not exist, or a
/// distribution file that is none, exits 2. <c>--reproducible</c>: see <see cref="ReproducibleBom"/>.
/// </summary>
internal static class SbomCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string?>("path") { Description = "The project directory (default: the current directory), or a .whl/.tar.gz/.zip distribution file.", Arity = ArgumentArity.ZeroOrOne };
        var environment = new Option<string?>("--env") { Description = "Describe an installed environment instead: a site-packages directory, a virtualenv or a Python prefix." };
        var format = new Option<string>("--format") { Description = "cyclonedx (JSON) or spdx (SPDX 2.3 JSON).", DefaultValueFactory = _ => "cyclonedx" };
        format.AcceptOnlyFromAmong("cyclonedx", "spdx");
        var specVersion = new Option<string?>("--spec-version") { Description = "The CycloneDX version: 1.6 (default) or 1.7." };
        specVersion.AcceptOnlyFromAmong("1.6", "1.7");
        var output = new Option<string?>("--output", "-o") { Description = "Write the SBOM to this file (replaced atomically) instead of stdout." };
        var reproducible = new Option<bool>("--reproducible") { Description = "Same input, same bytes: timestamp from the HEAD commit (else 1970-01-01), serial number from the content." };
        var withVulnerabilities = new Option<bool>("--with-vulnerabilities")
        {
            Description = "Add the known vulnerabilities of the components (CycloneDX), with VEX analysis for advisories the configuration accepts.",
        };
        var database = new Option<string?>("--db") { Description = "Advisory database for --with-vulnerabilities (OSV directory or zip; default: KINGSNAKE_DB, the configuration, the cache)." };
        var command = new Command("sbom", "Write a software bill of materials (CycloneDX or SPDX) of a project, an environment or a distribution file.")
        {
            path, environment, format, specVersion, output, reproducible, withVulnerabilities, database,
        };
        command.SetAction(parse =>
        {
            var isSpdx = parse.GetValue(format) == "spdx";
            if (isSpdx && parse.GetValue(specVersion) is not null)
            {
                throw new UsageException("--spec-version applies to CycloneDX only; SPDX output is always 2.3");
            }

            Action<BomDocument, Stream> write = isSpdx
                ? new SpdxWriter().Write
                : new CycloneDxWriter(parse.GetValue(specVersion) == "1.7" ? CycloneDxVersion.V1_7 : CycloneDxVersion.V1_6).Write;
            if (isSpdx && parse.GetValue(withVulnerabilities))
            {
                throw new UsageException("--with-vulnerabilities writes CycloneDX vulnerabilities; SPDX 2.3 has no place for them");
            }

            Func<BomDocument, string, bool, BomDocument>? vulnerabilities = parse.GetValue(withVulnerabilities)
                ? (document, input, isEnvironment) => SbomVulnerabilities.Add(document, input, isEnvironment, parse.GetValue(database), console)
                : null;
            return Run(console, parse.GetValue(path), parse.GetValue(environment), write, parse.GetValue(output), parse.GetValue(reproducible), vulnerabilities);
        });
        return command;
    }

    private static int Run(CliConsole console, string? path, string? environment, Action<BomDocument, Stream> write, string? output, bool reproducible,
        Func<BomDocument, string, bool, BomDocument>? vulnerabilities)
    {
        if (path is not null && environment is not null)
        {
            throw new UsageException("give either PATH or --env, not both");
        }

        var input = Path.GetFullPath(environment ?? path ?? ".", console.CurrentDirectory);
        var options = BomBuildOptions.Default;
        if (reproducible)
        {
            options = options with { SerialNumber = Guid.Empty, Timestamp = environment is null ? ReproducibleBom.Timestamp(input) : DateTimeOffset.UnixEpoch };
        }

        var result = Build(input, environment is not null, environment ?? path ?? ".", options);
        foreach (var error in result.Errors)
        {
            console.Error.WriteLine($"kingsnake: {error}");
        }

        var document = vulnerabilities is null ? result.Document : vulnerabilities(result.Document, input, environment is not null);
        document = reproducible ? ReproducibleBom.WithContentSerial(document, write) : document;
        if (output is null)
        {
            using var buffer = new MemoryStream();
            write(document, buffer);
            console.Out.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
            return ExitCodes.Clean;
        }

        try
        {
            AtomicFile.Write(Path.GetFullPath(output, console.CurrentDirectory), stream =>
            {
                write(document, stream);
                stream.Write("\n"u8);
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {output}: {ex.Message}", ex);
        }

        return ExitCodes.Clean;
    }

    private static BomBuildResult Build(string input, bool isEnvironment, string shown, BomBuildOptions options)
    {
        if (isEnvironment)
        {
            return Directory.Exists(input)
                ? EnvironmentBomBuilder.Build(input, options)
                : throw new UsageException($"no such directory: {shown}");
        }

        if (Directory.Exists(input))
        {
            return ProjectBomBuilder.Build(input, options);
        }

        if (!File.Exists(input))
        {
            throw new UsageException($"no such file or directory: {shown}");
        }

        if (!DistributionArchiveNames.IsDistributionFileName(input))
        {
            throw new UsageException($"{shown}: expected a project directory, an environment (--env DIR) or a .whl/.tar.gz/.zip distribution file");
        }

        try
        {
            return DistributionBomBuilder.Build(input, options);
        }
        catch (InputFormatException ex)
        {
            throw new UsageException($"{shown}: {ex.Message}", ex);
        }
    }
}
