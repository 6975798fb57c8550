import PlanModel

/// What `plancascade verify` looks for (README.md, "Auditor"): the kinds of its findings
/// (one ``Finding`` type serves every layer).
extension Finding.Kind {
    /// A child head that was collected is no longer reachable from the child's pushed ref.
    public static let rewrittenHistory: Finding.Kind = "rewritten-history"
    /// As above, but a later collect recorded `Accepted-Rewrite:` for it.
    public static let acceptedRewrite: Finding.Kind = "accepted-rewrite"
    /// A target's provenance names a parent commit no pull of the unit ever used.
    public static let forgedProvenance: Finding.Kind = "forged-provenance"
    /// Re-deriving from the parent commit the provenance names does not give the provenance.
    public static let provenanceMismatch: Finding.Kind = "provenance-mismatch"
    /// A stored rollup differs from its recomputation at the commit that wrote it.
    public static let rollupMismatch: Finding.Kind = "rollup-mismatch"
    /// A stored rollup that later commits (the unit's own report) made out of date; the next
    /// collect recomputes it.
    public static let staleRollup: Finding.Kind = "stale-rollup"
    /// A commit of a unit changed a collected child's folder other than by collecting it.
    public static let editedCollected: Finding.Kind = "edited-collected"
    /// A reported figure or task state changed after its period's deadline.
    public static let lateChange: Finding.Kind = "late-change"
    /// Something that could not be verified in this repository (a parent commit that is not
    /// here, a child whose pushes were never fetched).
    public static let notVerified: Finding.Kind = "not-verified"

    /// A decision (approve, waive, reopen), or a child's commit, that should be signed and is not.
    public static let unsigned: Finding.Kind = "unsigned"
    /// A good signature by a key the unit's allowed-signers file does not list for the unit
    /// that should have signed.
    public static let unknownSigner: Finding.Kind = "unknown-signer"
    /// A signature that does not match its commit.
    public static let badSignature: Finding.Kind = "bad-signature"
}
