package io.jkbms.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkbms.core.settings.SettingKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PresetsCommandTest {

    @Test
    void jsonPresetHasEveryFieldWithTheGuidesDefaults() throws Exception {
        CliRun r = CliRun.of("presets", "--chemistry", "NCM", "--json");
        assertThat(r.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (SettingKey k : SettingKey.values()) {
            assertThat(json.has(k.jsonName())).as(k.jsonName()).isTrue();
        }
        assertThat(json.get("battery_type").asText()).isEqualTo("NCM");
        assertThat(json.get("cell_ovp_mV").asInt()).isEqualTo(4200);
        assertThat(json.get("cell_uvp_mV").asInt()).isEqualTo(2820);
        assertThat(json.get("charge_enabled").isBoolean()).isTrue();
        assertThat(json.get("wire_resistance_mOhm").size()).isEqualTo(24);
    }

    @Test
    void tableGroupsFieldsAsTheAppDoes() {
        CliRun r = CliRun.of("presets", "--chemistry", "lto");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Preset for lithium titanate (LTO)", "Voltage protection", "cell_ovp_mV", "2700");
    }

    @Test
    void anUnknownChemistryIsANamedError() {
        CliRun r = CliRun.of("presets", "--chemistry", "NiMH");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown chemistry 'NiMH'", "LFP, NCM, LTO");
    }

    @Test
    void helpListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: jkbms", "presets", "settings");
    }
}
