package org.distrocompat.core.policy;

import java.util.List;
import java.util.Map;

/**
 * Derived policies ({@code linux} first, then manylinux_2_Y by ascending Y) with their derivations, the
 * configuration used, the release x arch cells that counted and those that did not (label arch -> reason).
 */
public record PolicySet(List<Policy> policies, Map<String, Derivation> derivations, MainstreamConfig config,
        List<String> mainstreamCells, Map<String, String> excludedCells) {

    public String json() {
        return PolicyJson.write(policies);
    }
}
