package io.jkbms.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsCommandTest {
    @TempDir
    Path dir;

    private Path file(String json) throws Exception {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void thePresetsOwnOutputIsValid() throws Exception {
        for (String chem : new String[]{"LFP", "NCM", "LTO"}) {
            Path f = file(CliRun.of("presets", "--chemistry", chem, "--json").out());
            CliRun r = CliRun.of("settings", "check", f.toString());
            assertThat(r.exit()).as(chem + ": " + r.err()).isZero();
            assertThat(r.out()).contains("valid for JK-BD4A24S-12P");
        }
    }

    @Test
    void aPartialFileTakesTheRestFromThePresetOfItsChemistry() throws Exception {
        CliRun r = CliRun.of("settings", "check", file("{\"battery_type\": \"NCM\", \"cell_count\": 14}").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("2 values given, the rest from the NCM preset");
    }

    @Test
    void everyProblemGetsOneLineWithFieldValueAndAllowedRange() throws Exception {
        CliRun r = CliRun.of("settings", "check", file("""
                {"cell_ovp_mV": 3600, "cell_ovpr_mV": 3700, "balance_max_mA": 500, "bogus": 1,
                 "charge_enabled": "yes", "cell_count": 7}""").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactlyInAnyOrder(
                "bogus = 1: unknown setting [allowed: a setting name as `jkbms presets --json` prints it]",
                "charge_enabled = yes: wrong type: expected true or false [allowed: true|false]",
                "balance_max_mA = 500: out of range [allowed: 10..400 mA]",
                "cell_count = 7: JK-BD4A24S-12P supports 8-24 cells of lithium iron phosphate (LFP) [allowed: 8..24]",
                "cell_ovpr_mV = 3700: over-voltage recovery must be below the over-voltage limit "
                        + "[allowed: 1000..3599 mV, i.e. < cell_ovp_mV (3600)]");
    }

    @Test
    void theModelDecidesWhatIsAllowed() throws Exception {
        Path f = file("{\"heating_enabled\": true, \"cell_count\": 22}");
        CliRun plain = CliRun.of("settings", "check", "--model", "JK-BD4A20S-12P", f.toString());
        assertThat(plain.exit()).isEqualTo(2);
        assertThat(plain.err()).contains("heating_enabled = true", "cell_count = 22");
        CliRun heated = CliRun.of("settings", "check", "--model", "JK-BD4A24S-12PH", f.toString());
        assertThat(heated.exit()).isZero();
    }

    @Test
    void warningsDoNotFailTheCheck() throws Exception {
        CliRun r = CliRun.of("settings", "check", file("{\"capacity_mAh\": 1000}").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("warning: balance_max_mA = 400", "0.2 C");
    }

    @Test
    void unreadableInputIsReportedWithWhereAndWhy() throws Exception {
        CliRun malformed = CliRun.of("settings", "check", file("{\"cell_ovp_mV\": 36").toString());
        assertThat(malformed.exit()).isEqualTo(JkbmsCommand.EXIT_UNREADABLE);
        assertThat(malformed.err()).contains("settings.json:", "not a JSON object of settings");

        CliRun duplicate = CliRun.of("settings", "check", file("{\"cell_ovp_mV\": 3600, \"cell_ovp_mV\": 3500}").toString());
        assertThat(duplicate.exit()).isEqualTo(JkbmsCommand.EXIT_UNREADABLE);
        assertThat(duplicate.err()).contains("Duplicate field 'cell_ovp_mV'");

        CliRun array = CliRun.of("settings", "check", file("[1, 2]").toString());
        assertThat(array.exit()).isEqualTo(JkbmsCommand.EXIT_UNREADABLE);

        CliRun missing = CliRun.of("settings", "check", dir.resolve("nope.json").toString());
        assertThat(missing.exit()).isEqualTo(JkbmsCommand.EXIT_UNREADABLE);
        assertThat(missing.err()).contains("nope.json: no such file");

        CliRun badModel = CliRun.of("settings", "check", "--model", "JK-BD6A", file("{}").toString());
        assertThat(badModel.exit()).isEqualTo(JkbmsCommand.EXIT_UNREADABLE);
        assertThat(badModel.err()).contains("not a JK-BD4AxxS-12P model: 'JK-BD6A'");
    }
}
