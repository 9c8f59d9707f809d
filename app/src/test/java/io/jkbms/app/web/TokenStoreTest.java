package io.jkbms.app.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class TokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void madeOnceOwnerOnlyAndReused() throws Exception {
        Path data = dir.resolve("data");
        String t = TokenStore.loadOrCreate(data);
        assertThat(t).matches("[A-Za-z0-9_-]{43}");
        Path file = data.resolve(TokenStore.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(TokenStore.loadOrCreate(data)).isEqualTo(t);
        try (var files = Files.list(data)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aDamagedTokenFileIsReplaced() throws Exception {
        Files.writeString(dir.resolve(TokenStore.FILE), "short\n");
        String t = TokenStore.loadOrCreate(dir);
        assertThat(t).hasSize(43);
        assertThat(Files.readString(dir.resolve(TokenStore.FILE)).trim()).isEqualTo(t);
    }
}
