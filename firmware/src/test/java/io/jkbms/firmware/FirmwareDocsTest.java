package io.jkbms.firmware;

import io.jkbms.firmware.protection.Protection;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/firmware.md describes every row of the protection table: a row added to the code must be documented. */
class FirmwareDocsTest {

    @Test
    void everyProtectionRowIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "firmware.md"));
        for (Protection p : Protection.values()) {
            assertThat(doc).as("docs/firmware.md row for " + p).contains("| `" + p.name() + "`");
        }
    }
}
