package org.distrocompat.crawler.source.pacman;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.distrocompat.crawler.source.SourceConfigException;
import org.distrocompat.crawler.trust.SignatureException;

/**
 * Keys the keyring still holds but pacman must no longer trust: Arch ships them as a list of fingerprints beside its
 * keyring ({@code archlinux-revoked}), and {@code pacman-key --populate} disables them. A signature whose issuer is
 * one of them is refused, whatever the keyring says.
 */
final class RevokedKeys {
    private final Set<Long> keyIds;

    private RevokedKeys(Set<Long> keyIds) {
        this.keyIds = Set.copyOf(keyIds);
    }

    static RevokedKeys load(List<String> files) {
        Set<Long> ids = new HashSet<>();
        for (String f : files) {
            Path p = Path.of(f);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(p)) {
                    String fpr = line.replaceFirst("#.*", "").replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
                    if (fpr.length() >= 16 && fpr.matches("[0-9a-f]+")) {
                        ids.add(Long.parseUnsignedLong(fpr.substring(fpr.length() - 16), 16));
                    }
                }
            } catch (IOException e) {
                throw new SourceConfigException("cannot read revoked keys " + p + ": " + e.getMessage());
            }
        }
        return new RevokedKeys(ids);
    }

    int size() {
        return keyIds.size();
    }

    /** Refuses a detached signature made by a revoked key. */
    void check(byte[] signature) throws SignatureException {
        if (keyIds.isEmpty()) {
            return;
        }
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
            if (new BcPGPObjectFactory(in).nextObject() instanceof PGPSignatureList list) {
                for (PGPSignature s : list) {
                    if (keyIds.contains(s.getKeyID())) {
                        throw new SignatureException(String.format("signed by the revoked key %016X", s.getKeyID()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SignatureException se) {
                throw se;
            }
            throw new SignatureException("unreadable OpenPGP signature: " + e.getMessage(), e);
        }
    }
}
