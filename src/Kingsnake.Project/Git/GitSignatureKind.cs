namespace Kingsnake.Project.Git;

/// <summary>
/// Which kind of cryptographic signature a commit or tag carries, told from its armor line only: the signature is not
/// verified (that needs keys the scan does not have), so this says what a signer used, not that it is valid.
/// </summary>
public enum GitSignatureKind
{
    None,

    /// <summary><c>-----BEGIN PGP SIGNATURE-----</c> (gpg).</summary>
    OpenPgp,

    /// <summary><c>-----BEGIN SSH SIGNATURE-----</c> (<c>gpg.format = ssh</c>).</summary>
    Ssh,

    /// <summary><c>-----BEGIN SIGNED MESSAGE-----</c> (<c>gpg.format = x509</c>, gpgsm or smimesign).</summary>
    X509,

    /// <summary>A signature header whose armor is none of the three.</summary>
    Other,
}
