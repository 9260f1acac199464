package org.distrocompat.crawler.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * An OpenPGP keyring (binary or ASCII-armoured, one or more files) and apt's trust check: a Release file is
 * good when at least one of its signatures verifies with a non-revoked key of the keyring that was not
 * expired when it signed.
 */
public final class Keyring {
    static {
        // BouncyCastle runs Miller-Rabin rounds on every RSA modulus it is handed, to catch hostile public keys.
        // Ours come only from the keyring the user configured as their trust anchor, and those rounds on
        // 4096-bit archive keys were most of an incremental crawl's CPU. The cheap checks (odd modulus, no small
        // prime factors) still run. Only set when the user has not chosen a value.
        if (System.getProperty("org.bouncycastle.rsa.max_mr_tests") == null) {
            System.setProperty("org.bouncycastle.rsa.max_mr_tests", "0");
        }
    }

    private final List<PGPPublicKeyRingCollection> collections;
    private final String description;
    private final boolean acceptsExpiredKeys;

    private Keyring(List<PGPPublicKeyRingCollection> collections, String description, boolean acceptsExpiredKeys) {
        this.collections = collections;
        this.description = description;
        this.acceptsExpiredKeys = acceptsExpiredKeys;
    }

    /**
     * This keyring for an archive of retired releases: a signature made by a key that has expired since it signed is
     * accepted (the archive's files are never re-signed). A key that was already expired when it signed, or that was
     * revoked, is still refused.
     */
    public Keyring acceptingKeysExpiredSinceSigning() {
        return new Keyring(collections, description, true);
    }

    /** Whether {@link #acceptingKeysExpiredSinceSigning()} made this keyring. */
    public boolean acceptsExpiredKeys() {
        return acceptsExpiredKeys;
    }

    /** Loads keyring files (.gpg binary keyrings or .asc armoured keys). */
    public static Keyring load(List<Path> files) throws IOException {
        List<PGPPublicKeyRingCollection> cs = new ArrayList<>();
        for (Path f : files) {
            cs.add(collection(Files.readAllBytes(f), f.toString()));
        }
        return new Keyring(cs, files.toString(), false);
    }

    /**
     * Loads keyrings named in a source's configuration: a file path, or {@code bundled:NAME} for a keyring shipped with
     * distrocompat ({@link BundledKeyrings}).
     */
    public static Keyring loadReferences(List<String> references) throws IOException {
        List<PGPPublicKeyRingCollection> cs = new ArrayList<>();
        for (String ref : references) {
            cs.add(collection(BundledKeyrings.read(ref), ref));
        }
        return new Keyring(cs, references.toString(), false);
    }

    private static PGPPublicKeyRingCollection collection(byte[] data, String name) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(data))) {
            return new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
        } catch (PGPException | RuntimeException e) {
            throw new IOException("cannot read keyring " + name + ": " + e.getMessage(), e);
        }
    }

    public String description() {
        return description;
    }

    /** Number of primary keys. */
    public int size() {
        int n = 0;
        for (PGPPublicKeyRingCollection c : collections) {
            n += c.size();
        }
        return n;
    }

    /**
     * Verifies a clear-signed InRelease file and returns the signed text (lines joined with '\n', ending
     * with '\n').
     */
    public String verifyInline(byte[] inRelease) throws SignatureException {
        String all = new String(inRelease, StandardCharsets.UTF_8);
        String[] lines = all.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i >= lines.length || !lines[i].equals("-----BEGIN PGP SIGNED MESSAGE-----")) {
            throw new SignatureException("not a clear-signed file (no BEGIN PGP SIGNED MESSAGE)");
        }
        i++;
        while (i < lines.length && !lines[i].isEmpty()) {
            i++; // armor headers (Hash: ...)
        }
        i++;
        List<String> text = new ArrayList<>();
        while (i < lines.length && !lines[i].equals("-----BEGIN PGP SIGNATURE-----")) {
            String l = lines[i];
            if (l.startsWith("- ")) {
                l = l.substring(2);
            } else if (l.startsWith("-")) {
                throw new SignatureException("bad dash-escaping in clear-signed text");
            }
            text.add(l);
            i++;
        }
        if (i >= lines.length) {
            throw new SignatureException("clear-signed file has no signature");
        }
        StringBuilder armored = new StringBuilder();
        for (; i < lines.length; i++) {
            armored.append(lines[i]).append('\n');
            if (lines[i].equals("-----END PGP SIGNATURE-----")) {
                break;
            }
        }
        StringBuilder canonical = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        for (int k = 0; k < text.size(); k++) {
            if (k > 0) {
                canonical.append("\r\n");
            }
            canonical.append(stripTrailing(text.get(k)));
            plain.append(text.get(k)).append('\n');
        }
        verify(canonical.toString().getBytes(StandardCharsets.UTF_8),
                armored.toString().getBytes(StandardCharsets.US_ASCII));
        return plain.toString();
    }

    /** Verifies a detached signature (Release.gpg, armoured or binary) over {@code data}. */
    public void verifyDetached(byte[] data, byte[] signature) throws SignatureException {
        verify(data, signature);
    }

    private void verify(byte[] data, byte[] signature) throws SignatureException {
        PGPSignatureList sigs;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
            Object o = new BcPGPObjectFactory(in).nextObject();
            if (!(o instanceof PGPSignatureList list)) {
                throw new SignatureException("no OpenPGP signature found");
            }
            sigs = list;
        } catch (IOException | RuntimeException e) {
            throw new SignatureException("unreadable OpenPGP signature: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (PGPSignature sig : sigs) {
            PGPPublicKey key = findKey(sig.getKeyID());
            String id = String.format("%016X", sig.getKeyID());
            if (key == null) {
                problems.add("key " + id + " not in keyring");
                continue;
            }
            try {
                sig.init(new BcPGPContentVerifierBuilderProvider(), key);
                sig.update(data); // text signatures: BouncyCastle canonicalises line ends itself
                if (!sig.verify()) {
                    problems.add("BAD signature by key " + id);
                    continue;
                }
            } catch (PGPException | RuntimeException e) {
                problems.add("key " + id + ": " + e.getMessage());
                continue;
            }
            if (key.hasRevocation()) {
                problems.add("key " + id + " is revoked");
                continue;
            }
            if (expiredAt(key, sig.getCreationTime())) {
                problems.add("key " + id + " was expired when it signed");
                continue;
            }
            if (!acceptsExpiredKeys && expiredAt(key, new Date())) {
                problems.add("key " + id + " has expired since it signed (only a source marked archived accepts that)");
                continue;
            }
            return; // one good signature is enough, as for apt
        }
        throw new SignatureException("no valid signature (" + String.join("; ", problems) + ")");
    }

    private PGPPublicKey findKey(long keyId) {
        for (PGPPublicKeyRingCollection c : collections) {
            PGPPublicKey k = c.getPublicKey(keyId);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    private boolean expiredAt(PGPPublicKey key, Date when) {
        long valid = key.getValidSeconds();
        if (valid > 0 && key.getCreationTime().getTime() + valid * 1000 < when.getTime()) {
            return true;
        }
        if (!key.isMasterKey()) {
            for (PGPPublicKeyRingCollection c : collections) {
                PGPPublicKeyRing ring = c.getPublicKeyRing(key.getKeyID());
                if (ring != null) {
                    PGPPublicKey primary = ring.getPublicKey();
                    long pv = primary.getValidSeconds();
                    return primary.hasRevocation()
                            || pv > 0 && primary.getCreationTime().getTime() + pv * 1000 < when.getTime();
                }
            }
        }
        return false;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }
}
