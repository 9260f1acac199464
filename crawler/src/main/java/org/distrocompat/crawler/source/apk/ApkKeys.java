package org.distrocompat.crawler.source.apk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.crawler.source.SourceConfigException;
import org.distrocompat.crawler.trust.SignatureException;

/**
 * apk-tools' trust anchors: RSA public keys known by file name ({@code alpine-devel@...-6165ee59.rsa.pub}). A
 * signature segment names its key in the signature file's name: {@code .SIGN.RSA.<key>} is PKCS#1 v1.5 with SHA-1,
 * {@code .SIGN.RSA256.<key>} with SHA-256, over the compressed bytes of the next segment. A segment verifies when
 * one of its signatures is by a known key and checks out.
 */
final class ApkKeys {
    private static final String BUNDLED = "keys/";

    private final Map<String, PublicKey> byName;
    private final String description;

    private ApkKeys(Map<String, PublicKey> byName, String description) {
        this.byName = Map.copyOf(byName);
        this.description = description;
    }

    int size() {
        return byName.size();
    }

    /** Keys from files and directories of {@code *.rsa.pub}; with none given, the Alpine keys shipped inside. */
    static ApkKeys load(List<String> locations) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        if (locations.isEmpty()) {
            bundled(keys);
            return new ApkKeys(keys, "the shipped Alpine keys");
        }
        for (String l : locations) {
            Path p = Path.of(l);
            try {
                if (Files.isDirectory(p)) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "*.pub")) {
                        for (Path f : ds) {
                            keys.put(f.getFileName().toString(), parse(Files.readString(f), f.toString()));
                        }
                    }
                } else if (Files.isRegularFile(p)) {
                    keys.put(p.getFileName().toString(), parse(Files.readString(p), p.toString()));
                }
            } catch (IOException e) {
                throw new SourceConfigException("cannot read key " + p + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new SourceConfigException("no apk key in " + String.join(", ", locations)
                    + "; pass --keyring FILE.rsa.pub (or --unsigned for a source you trust otherwise)");
        }
        return new ApkKeys(keys, String.join(", ", locations));
    }

    private static void bundled(Map<String, PublicKey> keys) {
        try (InputStream index = ApkKeys.class.getResourceAsStream(BUNDLED + "index")) {
            if (index == null) {
                throw new IllegalStateException("the shipped Alpine key index is missing");
            }
            for (String name : new String(index.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (name.isBlank()) {
                    continue;
                }
                try (InputStream in = ApkKeys.class.getResourceAsStream(BUNDLED + name.strip())) {
                    keys.put(name.strip(), parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII), name));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the shipped Alpine keys are unreadable: " + e.getMessage(), e);
        }
    }

    /** A PEM "PUBLIC KEY" (SubjectPublicKeyInfo), as Alpine publishes its keys. */
    static PublicKey parse(String pem, String where) {
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SourceConfigException(where + ": not an RSA public key in PEM form");
        }
    }

    /**
     * Checks the signature files of a signature segment ({@code name → signature}) over {@code signed}; throws with
     * one line when none is by a known key and good.
     */
    void verify(Map<String, byte[]> signatures, byte[] signed) throws SignatureException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, byte[]> s : signatures.entrySet()) {
            String file = s.getKey();
            String algorithm;
            String keyName;
            if (file.startsWith(".SIGN.RSA256.")) {
                algorithm = "SHA256withRSA";
                keyName = file.substring(".SIGN.RSA256.".length());
            } else if (file.startsWith(".SIGN.RSA.")) {
                algorithm = "SHA1withRSA";
                keyName = file.substring(".SIGN.RSA.".length());
            } else {
                problems.add(file + ": not an RSA signature");
                continue;
            }
            PublicKey key = byName.get(keyName);
            if (key == null) {
                problems.add("key " + keyName + " is not among " + description);
                continue;
            }
            try {
                Signature v = Signature.getInstance(algorithm);
                v.initVerify(key);
                v.update(signed);
                if (v.verify(s.getValue())) {
                    return;
                }
                problems.add("BAD signature by " + keyName);
            } catch (GeneralSecurityException e) {
                problems.add("signature by " + keyName + " unreadable: " + e.getMessage());
            }
        }
        throw new SignatureException(problems.isEmpty() ? "not signed" : String.join("; ", problems));
    }
}
