package io.jkbms.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FrameCommandTest {
    private static final Path VECTORS = Path.of("..", "..", "shared", "reference", "vectors");

    @ParameterizedTest
    @CsvSource({
            "CELL_INFO_JK02_24S_V10.hex, JK02_24S, Jk02CellInfo",
            "CELL_INFO_JK02_32S_V15.hex, JK02_32S, Jk02CellInfo",
            "SETTINGS_JK02_24S_V10.hex, JK02_24S, Jk02Settings",
            "SETTINGS_JK02_32S_V15.hex, JK02_32S, Jk02Settings",
            "DEVICE_INFO_JK02_24S_V10.hex, JK02_24S, Jk02DeviceInfo",
            "DEVICE_INFO_JK02_32S_V15.hex, JK02_32S, Jk02DeviceInfo"})
    void everyCapturedJk02FrameDecodesWithItsLayoutGuessedRight(String file, String layout, String type) throws Exception {
        CliRun r = CliRun.of("frame", "decode", Files.readString(VECTORS.resolve(file)).trim());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("protocol").asText()).isEqualTo("JK02");
        assertThat(j.get("layout").asText()).isEqualTo(layout);
        assertThat(j.get("type").asText()).isEqualTo(type);
    }

    @Test
    void theCapturedCellFrameShowsItsValues() throws Exception {
        CliRun r = CliRun.of("frame", "decode", Files.readString(VECTORS.resolve("CELL_INFO_JK02_32S_V15.hex")).trim());
        JsonNode f = new ObjectMapper().readTree(r.out()).get("frame");
        assertThat(f.get("packVoltage_mV").asLong()).isEqualTo(53_224);
        assertThat(f.get("current_mA").asInt()).isEqualTo(31_881);
        assertThat(f.get("soc_pct").asInt()).isEqualTo(25);
    }

    @Test
    void aLayoutCanBeForcedAndA4e57ReplyDecodes() throws Exception {
        CliRun forced = CliRun.of("frame", "decode", "--layout", "24S",
                Files.readString(VECTORS.resolve("SETTINGS_JK02_24S_V10.hex")).trim());
        assertThat(new ObjectMapper().readTree(forced.out()).get("layout_source").asText()).isEqualTo("given");
        CliRun uart = CliRun.of("frame", "decode", Files.readString(VECTORS.resolve("UART_13S_V10.hex")).trim());
        assertThat(uart.exit()).as(uart.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(uart.out());
        assertThat(j.get("protocol").asText()).isEqualTo("4E57");
        assertThat(j.get("summary").get("pack_mV").asInt()).isEqualTo(53_130);
        assertThat(j.get("summary").get("soc_pct").asInt()).isEqualTo(94);
    }

    @Test
    void aCommandDecodesToItsMeaning() throws Exception {
        CliRun r = CliRun.of("frame", "decode", "AA5590EB1D04010000000000000000000000009C");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("JK02 command", "0x1D", "charge_enabled");
    }

    @Test
    void garbageAndBadChecksumsAreNamedErrors() {
        CliRun junk = CliRun.of("frame", "decode", "DEADBEEF");
        assertThat(junk.exit()).isEqualTo(2);
        assertThat(junk.err()).contains("not a JK02 frame", "DEADBEEF");
        CliRun odd = CliRun.of("frame", "decode", "ABC");
        assertThat(odd.err()).contains("odd number of digits");
        CliRun bad = CliRun.of("frame", "decode", "AA5590EB1D04010000000000000000000000009D");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("CRC mismatch at offset 19");
    }
}
