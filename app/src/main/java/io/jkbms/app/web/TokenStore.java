package io.jkbms.app.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The write token, kept in {@code <data>/token}: made once (32 random bytes, URL-safe base64) and reused, so a
 * bookmarked page keeps working across restarts. Written to a temporary file first and moved into place, readable by
 * the owner only where the file system allows it.
 */
public final class TokenStore {
    public static final String FILE = "token";

    private TokenStore() {
    }

    /** The token in {@code dataDir}, made if there is none (or the file is empty or damaged). */
    public static String loadOrCreate(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            String t = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (t.matches("[A-Za-z0-9_-]{32,}")) {
                return t;
            }
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Path tmp = Files.createTempFile(dataDir, "token", ".tmp");
        try {
            ownerOnly(tmp);
            Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return token;
    }

    private static void ownerOnly(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
    }
}
