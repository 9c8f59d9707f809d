package io.jkbms.sim.scenario;

import io.jkbms.core.board.BoardFunction;
import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.settings.SettingsValidator;
import io.jkbms.core.settings.Violation;
import io.jkbms.firmware.Switch;
import io.jkbms.sim.board.SensorErrors;
import io.jkbms.sim.board.SimulatedBoard;
import io.jkbms.sim.cell.PackSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** Reading scenarios: the example of the brief, and every kind of malformed input refused with its line and reason. */
class ScenarioParserTest {
    private static final String FILE = "test.yaml";

    /** The example scenario; line numbers matter to the tests below. */
    private static final String EXAMPLE = """
            name: example
            board: JK-BD4A24S-12PH
            chemistry: LFP
            cells: 16
            capacity_Ah: 100
            settings: {cell_ovp_mV: 3600}
            pack: {soc_pct: 50, soc_spread_pct: 2, capacity_spread_pct: 3, resistance_spread_pct: 10, seed: 1}
            ambient_C: 25
            until: 24h
            timeline:
              - at: 0s
                charger: {current_A: 50, voltage_V: 58.4}
              - at: 2h
                charger: off
                load: {current_A: 20}
              - at: 3h
                fault: {short_circuit: {resistance_mOhm: 5}}
            """;

    /** The smallest valid scenario, lines 1..4; tests append lines 5 onwards. */
    private static final String MINIMAL = """
            chemistry: LFP
            cells: 16
            capacity_Ah: 100
            until: 1h
            """;

    @TempDir
    Path dir;

    private Scenario parse(String yaml) {
        return ScenarioParser.parse(FILE, yaml, dir);
    }

    private ScenarioException rejected(String yaml, int line, String... fragments) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parse(yaml));
        assertThat(e).as("a ScenarioException for:%n%s", yaml).isNotNull();
        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
        assertThat(e.getMessage()).startsWith(FILE + ":" + line + ": ");
        for (String f : fragments) {
            assertThat(e.getMessage()).contains(f);
        }
        return e;
    }

    // ---- the example --------------------------------------------------------------------------------------------------

    @Test
    void theExampleParsesIntoTheExpectedScenario() {
        Scenario s = parse(EXAMPLE);
        assertThat(s.file()).isEqualTo(FILE);
        assertThat(s.model()).isEqualTo(BoardModel.parse("JK-BD4A24S-12PH"));
        assertThat(s.model().has(BoardFunction.HEATING)).isTrue();
        assertThat(s.settings().chemistry()).isEqualTo(Chemistry.LFP);
        assertThat(s.settings().get(SettingKey.CELL_COUNT)).isEqualTo(16);
        assertThat(s.settings().get(SettingKey.CAPACITY_mAh)).isEqualTo(100_000);
        assertThat(s.settings().get(SettingKey.CELL_OVP_mV)).isEqualTo(3600);
        assertThat(SettingsValidator.validate(s.model(), s.settings()).isValid()).isTrue();

        PackSpec p = s.pack();
        assertThat(p.chemistry()).isEqualTo(Chemistry.LFP);
        assertThat(p.cells()).isEqualTo(16);
        assertThat(p.capacity_Ah()).isEqualTo(100);
        assertThat(p.soc_pct()).isEqualTo(50);
        assertThat(p.socSpread_pct()).isEqualTo(2);
        assertThat(p.capacitySpread_pct()).isEqualTo(3);
        assertThat(p.resistanceSpread_pct()).isEqualTo(10);
        assertThat(p.seed()).isEqualTo(1);
        // Defaults for what the example does not say.
        assertThat(p.selfDischarge_pctPerMonth()).isEqualTo(3);
        assertThat(p.wireResistance_mOhm()).isEqualTo(60);
        assertThat(p.wireSpread_pct()).isEqualTo(10);

        assertThat(s.ambient_C()).isEqualTo(25);
        assertThat(s.ambientDaily_C()).isEmpty();
        assertThat(s.sensorErrors()).isEqualTo(SensorErrors.NONE);
        assertThat(s.until_us()).isEqualTo(24L * 3600 * 1_000_000);
        // Default sampling: about 10 000 rows, whole seconds: 24 h / 10 000 = 8.64 s -> 8 s.
        assertThat(s.sample_us()).isEqualTo(8_000_000);
        assertThat(s.sample_us() % 100_000).isZero();

        List<Scenario.TimedActions> t = s.timeline();
        assertThat(t).hasSize(3);
        assertThat(t.get(0).at_us()).isZero();
        assertThat(t.get(0).line()).isEqualTo(11);
        assertThat(t.get(0).actions()).containsExactly(new Action.Charger(58.4, 50));
        assertThat(t.get(1).at_us()).isEqualTo(2L * 3600 * 1_000_000);
        assertThat(t.get(1).line()).isEqualTo(13);
        assertThat(t.get(1).actions()).containsExactly(new Action.ChargerOff(),
                new Action.Load(20, 0, Double.POSITIVE_INFINITY));
        assertThat(t.get(2).at_us()).isEqualTo(3L * 3600 * 1_000_000);
        assertThat(t.get(2).line()).isEqualTo(16);
        assertThat(t.get(2).actions()).hasSize(1);
        Action.ShortCircuit sc = (Action.ShortCircuit) t.get(2).actions().get(0);
        assertThat(sc.resistance_Ohm()).isCloseTo(0.005, within(1e-12));
    }

    @Test
    void theExampleParsesFromAFileToo() throws IOException {
        Path f = dir.resolve("example.yaml");
        Files.writeString(f, EXAMPLE);
        Scenario s = ScenarioParser.parse(f);
        assertThat(s.file()).isEqualTo(f.toString());
        assertThat(s.timeline()).hasSize(3);
    }

    @Test
    void defaultsForAMinimalScenario() {
        Scenario s = parse(MINIMAL);
        assertThat(s.model()).isEqualTo(BoardModel.parse("JK-BD4A24S-12P"));
        assertThat(s.pack().soc_pct()).isEqualTo(50);
        assertThat(s.pack().seed()).isEqualTo(1);
        assertThat(s.ambient_C()).isEqualTo(25);
        assertThat(s.timeline()).isEmpty();
        assertThat(s.description()).isEmpty();
        // 1 h / 10 000 = 0.36 s, rounded down to a multiple of the 100 ms control period.
        assertThat(s.sample_us()).isEqualTo(300_000);
    }

    @Test
    void moreActionsParse() throws IOException {
        Files.writeString(dir.resolve("load.csv"), "t_s,power_W\n0,100\n# a comment\n\n60,500\n120,0\n");
        Scenario s = parse(MINIMAL + """
                description: every action once
                ambient: {min_C: 5, max_C: 25}
                sensor_errors: {pack_voltage_pct: 0.5, current_pct: -1, current_offset_mA: 30}
                timeline:
                  - at: 1s
                    solar: {peak_A: 30, voltage_V: 58, sunrise_h: 7, sunset_h: 19}
                    profile: {file: load.csv, repeat: on}
                    capacitor: {capacitance_mF: 20}
                  - at: 1s
                    fault: {open_balance_wire: {cell: 7}}
                    leaky_cell: {cell: 3, pct_per_day: 2}
                    weak_cell: {cell: 4, resistance_factor: 3}
                  - at: 1min
                    fault: {shorted_temperature_sensor: {sensor: 2}}
                    cells_soc_pct: [50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 20]
                    switch: {balance: off}
                    emergency: on
                    settings: {cell_ovp_mV: 3550}
                    ambient_C: 30
                  - at: 2min
                    button: {}
                    display: {}
                    solar: off
                    profile: off
                    load: {resistance_Ohm: 5}
                    power_off: {}
                """);
        assertThat(s.description()).isEqualTo("every action once");
        assertThat(s.ambientDaily_C()).hasValueSatisfying(d -> assertThat(d).containsExactly(5, 25));
        assertThat(s.sensorErrors()).isEqualTo(new SensorErrors(0.5, -1, 30));
        List<Scenario.TimedActions> t = s.timeline();
        assertThat(t).hasSize(4);
        assertThat(t.get(0).actions().get(0)).isEqualTo(new Action.Solar(30, 58, 7, 19));
        Action.Profile p = (Action.Profile) t.get(0).actions().get(1);
        assertThat(p.time_s()).containsExactly(0, 60, 120);
        assertThat(p.value()).containsExactly(100, 500, 0);
        assertThat(p.power()).isTrue();
        assertThat(p.repeat()).isTrue();
        assertThat(p.file()).isEqualTo("load.csv");
        Action.Capacitor c = (Action.Capacitor) t.get(0).actions().get(2);
        assertThat(c.capacitance_F()).isCloseTo(0.020, within(1e-12));
        assertThat(c.esr_Ohm()).isCloseTo(0.010, within(1e-12)); // default 10 mΩ
        assertThat(t.get(1).actions()).containsExactly(new Action.OpenBalanceWire(7, true), new Action.LeakyCell(3, 2),
                new Action.WeakCell(4, 3));
        List<Action> a = t.get(2).actions();
        assertThat(a.get(0)).isEqualTo(new Action.TemperatureSensor(2, SimulatedBoard.SensorFault.SHORTED));
        assertThat(((Action.CellsSoc) a.get(1)).soc_pct()).hasSize(16).endsWith(20);
        assertThat(a.get(2)).isEqualTo(new Action.SetSwitch(Switch.BALANCE, false));
        assertThat(a.get(3)).isEqualTo(new Action.Emergency(true));
        Action.Settings set = (Action.Settings) a.get(4);
        assertThat(s.settings().with(set.patch()).get(SettingKey.CELL_OVP_mV)).isEqualTo(3550);
        assertThat(a.get(5)).isEqualTo(new Action.Ambient(30));
        assertThat(t.get(3).actions()).containsExactly(new Action.Button(), new Action.Display(), new Action.SolarOff(),
                new Action.ProfileOff(), new Action.Load(0, 0, 5), new Action.PowerOff());
    }

    // ---- malformed input --------------------------------------------------------------------------------------------

    @Test
    void invalidYamlIsRefusedWithItsLine() {
        rejected("""
                chemistry: LFP
                cells: 16
                  capacity_Ah: 100
                until: 1h
                """, 3, "not valid YAML");
        rejected("chemistry: LFP\n\tcells: 16\n", 2, "not valid YAML");
    }

    @Test
    void anEmptyScenarioIsRefused() {
        assertThatThrownBy(() -> parse("# nothing\n")).isInstanceOf(ScenarioException.class).hasMessageContaining("empty");
    }

    @Test
    void aMissingScenarioFileIsRefused() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ScenarioParser.parse(missing)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("nope.yaml").hasMessageContaining("no such file");
    }

    @Test
    void missingRequiredKeysAreNamed() {
        rejected("cells: 16\ncapacity_Ah: 100\nuntil: 1h\n", 1, "missing 'chemistry'");
        rejected("chemistry: LFP\ncapacity_Ah: 100\nuntil: 1h\n", 1, "missing 'cells'");
        rejected("chemistry: LFP\ncells: 16\nuntil: 1h\n", 1, "missing 'capacity_Ah'");
        rejected("chemistry: LFP\ncells: 16\ncapacity_Ah: 100\n", 1, "missing 'until'");
    }

    @Test
    void anUnknownTopLevelKeyIsNamedOnItsLine() {
        rejected(MINIMAL + "colour: red\n", 5, "unknown key 'colour'", "the scenario");
    }

    @Test
    void anUnknownPackKeyIsNamedOnItsLine() {
        rejected(MINIMAL + "pack:\n  soc_pct: 50\n  soc_spead_pct: 2\n", 7, "unknown key 'soc_spead_pct'", "pack");
    }

    @Test
    void anUnknownKeyInATimelineEntryIsNamedOnItsLine() {
        rejected(MINIMAL + """
                timeline:
                  - at: 1min
                    load: {current_A: 5}
                    chargr: {current_A: 5, voltage_V: 58}
                """, 8, "unknown key 'chargr'", "timeline entry");
    }

    @Test
    void anUnknownFaultIsNamedOnItsLine() {
        rejected(MINIMAL + """
                timeline:
                  - at: 1min
                    fault: {meltdown: {cell: 3}}
                """, 7, "'meltdown'", "fault");
    }

    @Test
    void anEntryWithoutActionsOrTimeIsRefused() {
        rejected(MINIMAL + "timeline:\n  - at: 1min\n", 6, "at least one action");
        rejected(MINIMAL + "timeline:\n  - load: {current_A: 5}\n", 6, "missing 'at'");
    }

    @Test
    void moreCellsThanTheModelHasChannelsAreRefused() {
        rejected("""
                board: JK-BD4A24S-12P
                chemistry: LFP
                cells: 25
                capacity_Ah: 100
                until: 1h
                """, 3, "cells", "25", "24");
        rejected("""
                board: JK-BD4A20S-12P
                chemistry: NCM
                cells: 21
                capacity_Ah: 100
                until: 1h
                """, 3, "cells", "21", "20");
    }

    @Test
    void fewerCellsThanTheChemistryAllowsAreRefusedOnTheCellsLine() {
        // LFP needs at least 8 cells on a BD4A: the problem is the 'cells' line, whatever else the file holds.
        rejected("""
                chemistry: LFP
                until: 1h
                cells: 4
                capacity_Ah: 100
                """, 3, "cell_count", "8-24");
        rejected("""
                chemistry: LFP
                until: 1h
                cells: 4
                capacity_Ah: 100
                settings: {cell_ovp_mV: 3600}
                """, 3, "cell_count", "8-24");
    }

    @Test
    void anUnknownBoardOrChemistryIsRefusedOnItsLine() {
        rejected("board: JK-BD4A24S-12PX\n" + MINIMAL, 1, "JK-BD4A24S-12PX");
        rejected("cells: 16\ncapacity_Ah: 100\nchemistry: NiMH\nuntil: 1h\n", 3, "unknown chemistry 'NiMH'");
    }

    @Test
    void aSettingsOverrideTheBoardRefusesIsRefusedOnItsLineWithTheValidatorsReason() {
        String yaml = MINIMAL + """
                settings:
                  cell_ovp_mV: 3600
                  cell_ovpr_mV: 3700
                """;
        Settings attempted = Presets.forChemistry(Chemistry.LFP).with(SettingsPatch.builder()
                .set(SettingKey.CELL_COUNT, 16).set(SettingKey.CAPACITY_mAh, 100_000)
                .set(SettingKey.CELL_OVP_mV, 3600).set(SettingKey.CELL_OVPR_mV, 3700).build());
        Violation v = SettingsValidator.validate(BoardModel.parse("JK-BD4A24S-12P"), attempted).errors().stream()
                .filter(x -> x.field().equals("cell_ovpr_mV")).findFirst().orElseThrow();
        rejected(yaml, 7, "settings refused by JK-BD4A24S-12P", v.line());
    }

    @Test
    void aSettingsChangeInTheTimelineIsCheckedAgainstTheSettingsThenInForce() {
        // Lowering OVP to 3500 is fine with the preset's 3400 recovery (and 3450 requested charge voltage) ...
        Scenario ok = parse(MINIMAL + "timeline:\n  - at: 1min\n    settings: {cell_ovp_mV: 3500}\n");
        Action.Settings a = (Action.Settings) ok.timeline().get(0).actions().get(0);
        assertThat(ok.settings().with(a.patch()).get(SettingKey.CELL_OVP_mV)).isEqualTo(3500);
        // ... but not after an earlier entry raised the recovery to 3550.
        rejected(MINIMAL + """
                timeline:
                  - at: 1min
                    settings: {cell_ovpr_mV: 3550}
                  - at: 2min
                    settings: {cell_ovp_mV: 3500}
                """, 9, "settings refused", "cell_ovpr_mV = 3550");
    }

    @Test
    void theHeatingSwitchOnAModelWithoutHIsRefused() {
        rejected(MINIMAL + """
                timeline:
                  - at: 1min
                    switch: {heating: on}
                """, 7, "heating", "'H' suffix");
        // The same on an H model is fine.
        Scenario s = parse("board: JK-BD4A24S-12PH\n" + MINIMAL + "timeline:\n  - at: 1min\n    switch: {heating: on}\n");
        assertThat(s.timeline().get(0).actions()).containsExactly(new Action.SetSwitch(Switch.HEATING, true));
    }

    @Test
    void aTimelineOutOfOrderIsRefusedOnTheLateEntry() {
        rejected(MINIMAL + """
                timeline:
                  - at: 50min
                    load: {current_A: 5}
                  - at: 30min
                    load: off
                """, 8, "time order", "30min", "50min");
    }

    @Test
    void anEntryAfterTheEndIsRefusedBecauseItWouldNeverRun() {
        rejected(MINIMAL + """
                timeline:
                  - at: 2h
                    load: {current_A: 5}
                """, 6, "after the end of the scenario", "never run");
    }

    @Test
    void entriesAtTheSameTimeAreKeptInFileOrder() {
        Scenario s = parse(MINIMAL + """
                timeline:
                  - at: 1h
                    load: {current_A: 5}
                  - at: 1h
                    load: off
                """);
        assertThat(s.timeline()).extracting(Scenario.TimedActions::line).containsExactly(6, 8);
    }

    @Test
    void aBadDurationIsRefusedOnItsLine() {
        rejected(MINIMAL + """
                timeline:
                  - at: 2 hours
                    load: off
                """, 6, "'2 hours'");
        rejected("chemistry: LFP\ncells: 16\ncapacity_Ah: 100\nuntil: 2 hours\n", 4, "until", "'2 hours'");
        rejected("chemistry: LFP\ncells: 16\ncapacity_Ah: 100\nuntil: 0s\n", 4, "until");
        rejected(MINIMAL + "sample: 150ms\n", 5, "sample", "100 ms");
    }

    @Test
    void cellsSocOfTheWrongLengthIsRefused() {
        rejected(MINIMAL + """
                timeline:
                  - at: 1min
                    cells_soc_pct: [50, 50, 50]
                """, 7, "cells_soc_pct", "16");
    }

    @Test
    void valuesOutOfRangeOrOfTheWrongTypeAreRefusedOnTheirLine() {
        rejected("chemistry: LFP\ncells: sixteen\ncapacity_Ah: 100\nuntil: 1h\n", 2, "cells", "sixteen");
        rejected("chemistry: LFP\ncells: 16\ncapacity_Ah: -5\nuntil: 1h\n", 3, "capacity_Ah");
        rejected(MINIMAL + "pack:\n  soc_pct: 120\n", 6, "soc_pct", "120");
        rejected(MINIMAL + "timeline:\n  - at: 1min\n    charger: {current_A: 5}\n", 7, "missing 'voltage_V'");
        rejected(MINIMAL + "timeline:\n  - at: 1min\n    emergency: maybe\n", 7, "on or off");
        rejected(MINIMAL + "timeline:\n  - at: 1min\n    fault: {open_balance_wire: {cell: 17}}\n", 7, "cell", "17");
        rejected(MINIMAL + "ambient: {min_C: 30, max_C: 10}\n", 5, "max_C");
        rejected(MINIMAL + "timeline: {at: 1min}\n", 5, "timeline must be a list");
    }

    @Test
    void aDuplicateKeyIsRefusedOnItsSecondLine() {
        // A scenario saying two things about the same key is ambiguous; the parser disallows duplicate keys.
        rejected("""
                chemistry: LFP
                cells: 16
                capacity_Ah: 100
                cells: 8
                until: 1h
                """, 4, "cells");
    }

    @Test
    void theSeedIsAWholeNumberKeptExactly() {
        // Two different seeds in two scenario files must not build the same pack.
        Scenario s = parse(MINIMAL + "pack: {seed: 9007199254740993}\n");
        assertThat(s.pack().seed()).isEqualTo(9_007_199_254_740_993L);
        // A seed is a whole number, as 'cells' is: 2.9 is refused, not quietly taken for 2.
        rejected(MINIMAL + "pack:\n  seed: 2.9\n", 6, "seed", "2.9");
    }

    // ---- profiles ---------------------------------------------------------------------------------------------------

    private static final String PROFILE_ENTRY = MINIMAL + """
            timeline:
              - at: 1min
                profile: {file: %s}
            """;

    @Test
    void aMissingProfileFileIsRefusedOnItsLine() {
        rejected(PROFILE_ENTRY.formatted("missing.csv"), 7, "missing.csv", "no such file");
    }

    @Test
    void aProfileWithABadHeaderIsRefusedNamingTheCsvLine() throws IOException {
        Files.writeString(dir.resolve("bad.csv"), "time,current\n0,1\n");
        rejected(PROFILE_ENTRY.formatted("bad.csv"), 7, "bad.csv:1:", "header", "t_s,current_A");
    }

    @Test
    void aProfileWithNonIncreasingTimesIsRefusedNamingTheCsvLine() throws IOException {
        Files.writeString(dir.resolve("prof.csv"), "t_s,current_A\n0,5\n10,6\n# a comment\n10,7\n");
        rejected(PROFILE_ENTRY.formatted("prof.csv"), 7, "prof.csv:5:", "increasing");
        Files.writeString(dir.resolve("back.csv"), "t_s,current_A\n0,5\n10,6\n5,7\n");
        rejected(PROFILE_ENTRY.formatted("back.csv"), 7, "back.csv:4:", "increasing");
    }

    @Test
    void aProfileWithABadRowIsRefusedNamingTheCsvLine() throws IOException {
        Files.writeString(dir.resolve("row.csv"), "t_s,current_A\n0,5\n10,lots\n");
        rejected(PROFILE_ENTRY.formatted("row.csv"), 7, "row.csv:3:");
        Files.writeString(dir.resolve("cols.csv"), "t_s,current_A\n0,5,7\n");
        rejected(PROFILE_ENTRY.formatted("cols.csv"), 7, "cols.csv:2:", "2 columns");
        Files.writeString(dir.resolve("empty.csv"), "t_s,current_A\n");
        rejected(PROFILE_ENTRY.formatted("empty.csv"), 7, "no data rows");
    }

    @Test
    void aProfileInACurrentColumnParses() throws IOException {
        Files.writeString(dir.resolve("ok.csv"), "t_s, current_A\n0, 5\n30, -2.5\n");
        Scenario s = parse(PROFILE_ENTRY.formatted("ok.csv"));
        Action.Profile p = (Action.Profile) s.timeline().get(0).actions().get(0);
        assertThat(p.time_s()).containsExactly(0, 30);
        assertThat(p.value()).containsExactly(5, -2.5);
        assertThat(p.power()).isFalse();
        assertThat(p.repeat()).isFalse();
    }
}
