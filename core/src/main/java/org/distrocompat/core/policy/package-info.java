/**
 * auditwheel's policy files: the model ({@link org.distrocompat.core.policy.Policy}), the one loader and writer of
 * the format ({@link org.distrocompat.core.policy.PolicyJson}, which validates every file it loads against the
 * invariants auditwheel's loader relies on; the bundled files also in a compiled form for start-up), the judgement
 * of an input's needs against a file ({@link org.distrocompat.core.policy.PolicyJudge}: symbol versions and
 * libraries; {@link org.distrocompat.core.policy.PolicyAudit}: every criterion of auditwheel's verdict, with the
 * symbols that limit the tag), and the derivation of manylinux policies from the stored
 * releases by the PEP 600 rule ({@link org.distrocompat.core.policy.PolicyGenerator}) with its explanation, diff,
 * invariants and atomic publishing.
 */
package org.distrocompat.core.policy;
