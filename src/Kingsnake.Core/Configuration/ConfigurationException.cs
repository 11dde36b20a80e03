using Kingsnake.Core.Auditing;

namespace Kingsnake.Core.Configuration;

/// <summary>
/// The configuration the run was given or found (<c>kingsnake.toml</c>, <c>[tool.kingsnake]</c>, <c>--config</c>) cannot be
/// read or is invalid: running with other settings than the user's would answer another question, so the run stops.
/// </summary>
public sealed class ConfigurationException : RunFailedException
{
    public ConfigurationException(string message) : base(message) { }

    public ConfigurationException(string message, Exception innerException) : base(message, innerException) { }

    public ConfigurationException() { }
}
