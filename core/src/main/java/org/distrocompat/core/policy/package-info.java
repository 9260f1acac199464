/**
 * auditwheel's policy files: the model ({@link org.distrocompat.core.policy.Policy}), the one loader and writer of
 * the format ({@link org.distrocompat.core.policy.PolicyJson}, which validates every file it loads against the
 * invariants auditwheel's loader relies on), the judgement of an input's needs against a file
 * ({@link org.distrocompat.core.policy.PolicyJudge}), and the derivation of manylinux policies from the stored
 * releases by the PEP 600 rule ({@link org.distrocompat.core.policy.PolicyGenerator}) with its explanation, diff,
 * invariants and atomic publishing.
 */
package org.distrocompat.core.policy;
