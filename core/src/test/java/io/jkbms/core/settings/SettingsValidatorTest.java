package io.jkbms.core.settings;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.board.Chemistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.jkbms.core.settings.SettingKey.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsValidatorTest {

    static final BoardModel FULL_24S = BoardModel.parse("JK-BD4A24S-12PHCR");
    static final BoardModel PLAIN_20S = BoardModel.parse("JK-BD4A20S-12P");
    static final BoardModel PLAIN_24S = BoardModel.parse("JK-BD4A24S-12P");

    static Settings preset(Chemistry c) {
        return Presets.forChemistry(c);
    }

    static List<Violation> outOfRange(ValidationResult r, String field) {
        return r.errors().stream().filter(v -> v.field().equals(field) && v.reason().equals("out of range")).toList();
    }

    // =========================================================================================================
    @Nested
    class Ranges {

        @ParameterizedTest
        @EnumSource(SettingKey.class)
        void minAndMaxAreInRange(SettingKey k) {
            for (int v : new int[]{k.min(), k.max()}) {
                ValidationResult r = SettingsValidator.validate(FULL_24S, preset(Chemistry.NCM).with(k, v));
                // In range: no range error at all; any error left is a cross-field rule about the new value.
                assertThat(r.errors()).as("%s = %d", k.jsonName(), v).noneMatch(x -> x.reason().equals("out of range"));
            }
        }

        @ParameterizedTest
        @EnumSource(SettingKey.class)
        void oneBelowMinAndOneAboveMaxAreRefusedNamingFieldAndRange(SettingKey k) {
            for (int v : new int[]{k.min() - 1, k.max() + 1}) {
                ValidationResult r = SettingsValidator.validate(FULL_24S, preset(Chemistry.NCM).with(k, v));
                assertThat(r.isValid()).isFalse();
                List<Violation> range = r.errors().stream().filter(x -> x.reason().equals("out of range")).toList();
                assertThat(range).as("%s = %d", k.jsonName(), v).hasSize(1);
                Violation x = range.get(0);
                assertThat(x.field()).isEqualTo(k.jsonName());
                assertThat(x.allowed()).isEqualTo(k.rangeText());
                assertThat(x.line()).contains(k.jsonName()).contains(k.rangeText());
                if (k.kind() != Kind.BOOL) { // switches: see outOfRangeSwitchValuesAreReportedAsGiven
                    assertThat(x.value()).isEqualTo(Integer.toString(v));
                    assertThat(x.line()).startsWith(k.jsonName() + " = " + v + ": out of range");
                }
                assertThat(r.warnings()).isEmpty();
            }
        }

        @Test
        void intRangesCarryTheirUnit() {
            ValidationResult r = SettingsValidator.validate(FULL_24S, preset(Chemistry.LFP).with(CELL_OVP_mV, 5001));
            assertThat(outOfRange(r, "cell_ovp_mV")).containsExactly(
                    new Violation("cell_ovp_mV", "5001", "1000..5000 mV", "out of range"));
            r = SettingsValidator.validate(FULL_24S, preset(Chemistry.LFP).with(CELL_COUNT, 0));
            assertThat(outOfRange(r, "cell_count")).containsExactly(new Violation("cell_count", "0", "1..24", "out of range"));
        }

        /**
         * A switch given 2 (or -1) must be reported with the value given. SettingsValidator renders the value through
         * SettingKey.toJsonValue, which turns any non-zero switch value into "true", so the report reads
         * "charge_enabled = true: out of range [allowed: true|false]".
         */
        @Test
        void outOfRangeSwitchValuesAreReportedAsGiven() {
            for (int v : new int[]{2, -1}) {
                ValidationResult r = SettingsValidator.validate(FULL_24S, preset(Chemistry.LFP).with(CHARGE_ENABLED, v));
                List<Violation> range = outOfRange(r, "charge_enabled");
                assertThat(range).hasSize(1);
                assertThat(range.get(0).value()).as("value reported for charge_enabled = %d", v).isEqualTo(Integer.toString(v));
            }
        }

        @Test
        void enumsOutOfRangeAreReportedAsNumbersAndStopFurtherChecks() {
            Settings s = preset(Chemistry.LFP).with(SettingsPatch.builder().set(BATTERY_TYPE, 3).set(CELL_OVPR_mV, 3700).build());
            ValidationResult r = SettingsValidator.validate(FULL_24S, s);
            assertThat(r.errors()).containsExactly(new Violation("battery_type", "3", "NCM|LFP|LTO", "out of range"));

            r = SettingsValidator.validate(FULL_24S, preset(Chemistry.LFP).with(COMM_PORT_MODE, 2));
            assertThat(r.errors()).containsExactly(new Violation("comm_port_mode", "2", "RS485|CAN", "out of range"));
            r = SettingsValidator.validate(FULL_24S, preset(Chemistry.LFP).with(CAN_PROTOCOL, -1));
            assertThat(r.errors()).containsExactly(new Violation("can_protocol", "-1", "JK_NATIVE|PYLONTECH", "out of range"));
        }

        @Test
        void wireResistancesAndUserDataAreCheckedToo() {
            Settings s = preset(Chemistry.LFP).with(SettingsPatch.builder().wireResistance(5, 1001).wireResistance(6, -1)
                    .wireResistance(7, 1000).build());
            ValidationResult r = SettingsValidator.validate(FULL_24S, s);
            assertThat(r.errors()).extracting(Violation::field).containsExactly("wire_resistance_mOhm[5]", "wire_resistance_mOhm[6]");
            assertThat(r.errors()).extracting(Violation::value).containsExactly("1001", "-1");
            assertThat(r.errors()).allSatisfy(v -> assertThat(v.allowed()).isEqualTo("0..1000 mOhm"));

            for (String bad : new String[]{"fourteen chars", "caf\u00e9", "tab\t"}) {
                r = SettingsValidator.validate(FULL_24S, preset(Chemistry.LFP).with(SettingsPatch.builder().userData(bad).build()));
                assertThat(r.errors()).extracting(Violation::field).containsExactly("user_data");
                assertThat(r.errors().get(0).value()).isEqualTo(bad);
            }
            assertThat(SettingsValidator.validate(FULL_24S,
                    preset(Chemistry.LFP).with(SettingsPatch.builder().userData("thirteen char").build())).isValid()).isTrue();
        }
    }

    // =========================================================================================================
    /** A cross-field rule: {@code a REL b}, checked on a preset (plus a setup patch) by moving {@code a} around b. */
    record Rule(String name, Chemistry chemistry, SettingsPatch setup, SettingKey a, String rel, SettingKey b,
                boolean isolated) {
        Settings base() {
            return preset(chemistry).with(setup);
        }

        int[] accepted(int bv) {
            return switch (rel) {
                case "<" -> new int[]{bv - 1, bv - 2};
                case "<=" -> new int[]{bv, bv - 1};
                default -> new int[]{bv + 1, bv + 2};
            };
        }

        int[] refused(int bv) {
            return switch (rel) {
                case "<" -> new int[]{bv, bv + 1};
                case "<=" -> new int[]{bv + 1, bv + 2};
                default -> new int[]{bv, bv - 1};
            };
        }

        String expectedAllowed(int bv) {
            String range = switch (rel) {
                case "<" -> a.min() + ".." + (bv - 1);
                case "<=" -> a.min() + ".." + bv;
                default -> (bv + 1) + ".." + a.max();
            };
            String u = a.unit().isEmpty() ? "" : " " + a.unit();
            return range + u + ", i.e. " + rel + " " + b.jsonName() + " (" + bv + ")";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Rule rule(String name, Chemistry c, SettingKey a, String rel, SettingKey b) {
        return new Rule(name, c, SettingsPatch.builder().build(), a, rel, b, true);
    }

    static Stream<Rule> crossFieldRules() {
        SettingsPatch none = SettingsPatch.builder().build();
        SettingsPatch docp2Off = SettingsPatch.of(DOCP2_ENABLED, 0);
        SettingsPatch ovprLowered = SettingsPatch.of(CELL_OVPR_mV, 3_500);
        return Stream.of(
                rule("OVPR < OVP", Chemistry.NCM, CELL_OVPR_mV, "<", CELL_OVP_mV),
                rule("OVPR < OVP (LFP)", Chemistry.LFP, CELL_OVPR_mV, "<", CELL_OVP_mV),
                rule("UVPR > UVP", Chemistry.NCM, CELL_UVPR_mV, ">", CELL_UVP_mV),
                rule("UVPR > UVP (LTO)", Chemistry.LTO, CELL_UVPR_mV, ">", CELL_UVP_mV),
                // UVP < UVPR < OVPR < OVP: UVP >= OVP always comes with another error, so not isolated.
                new Rule("UVP < OVP", Chemistry.NCM, none, CELL_UVP_mV, "<", CELL_OVP_mV, false),
                rule("UVPR < OVPR", Chemistry.NCM, CELL_UVPR_mV, "<", CELL_OVPR_mV),
                rule("power-off <= UVP", Chemistry.NCM, POWER_OFF_mV, "<=", CELL_UVP_mV),
                rule("power-off <= UVP (LFP)", Chemistry.LFP, POWER_OFF_mV, "<=", CELL_UVP_mV),
                rule("SOC0 < SOC100", Chemistry.NCM, SOC0_mV, "<", SOC100_mV),
                rule("RCV < OVP", Chemistry.NCM, RCV_mV, "<", CELL_OVP_mV),
                rule("RCV < OVP (LFP)", Chemistry.LFP, RCV_mV, "<", CELL_OVP_mV),
                rule("RFV <= RCV", Chemistry.NCM, RFV_mV, "<=", RCV_mV),
                rule("charge OTPR < OTP", Chemistry.LFP, CHARGE_OTPR_dC, "<", CHARGE_OTP_dC),
                rule("discharge OTPR < OTP", Chemistry.LFP, DISCHARGE_OTPR_dC, "<", DISCHARGE_OTP_dC),
                rule("MOS OTPR < OTP", Chemistry.LFP, MOS_OTPR_dC, "<", MOS_OTP_dC),
                rule("charge UTPR > UTP", Chemistry.LFP, CHARGE_UTPR_dC, ">", CHARGE_UTP_dC),
                rule("discharge UTPR > UTP", Chemistry.LFP, DISCHARGE_UTPR_dC, ">", DISCHARGE_UTP_dC),
                rule("charge window UTPR < OTPR", Chemistry.LFP, CHARGE_UTPR_dC, "<", CHARGE_OTPR_dC),
                rule("discharge window UTPR < OTPR", Chemistry.LFP, DISCHARGE_UTPR_dC, "<", DISCHARGE_OTPR_dC),
                rule("heating start < stop", Chemistry.LFP, HEATING_START_dC, "<", HEATING_STOP_dC),
                rule("DOCP2 > discharge OCP (enabled)", Chemistry.LFP, DOCP2_mA, ">", DISCHARGE_OCP_mA),
                rule("DOCP3 > DOCP2 (both enabled)", Chemistry.LFP, DOCP3_mA, ">", DOCP2_mA),
                new Rule("DOCP3 > discharge OCP (DOCP2 off)", Chemistry.LFP, docp2Off, DOCP3_mA, ">", DISCHARGE_OCP_mA, true),
                rule("DOCP3 faster than DOCP2", Chemistry.LFP, DOCP3_DELAY_ms, "<", DOCP2_DELAY_ms),
                new Rule("UVPR < OVPR (OVPR lowered)", Chemistry.NCM, ovprLowered, CELL_UVPR_mV, "<", CELL_OVPR_mV, true));
    }

    static List<Violation> ruleViolations(ValidationResult r, Rule rule) {
        return r.errors().stream().filter(v -> v.field().equals(rule.a().jsonName())
                && v.allowed().contains("i.e. " + rule.rel() + " " + rule.b().jsonName() + " (")).toList();
    }

    @Nested
    class CrossField {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.jkbms.core.settings.SettingsValidatorTest#crossFieldRules")
        void acceptedAtTheBoundaryAndOneStepInside(Rule rule) {
            Settings base = rule.base();
            assertThat(SettingsValidator.validate(FULL_24S, base).isValid()).as("baseline").isTrue();
            int bv = base.get(rule.b());
            for (int av : rule.accepted(bv)) {
                ValidationResult r = SettingsValidator.validate(FULL_24S, base.with(rule.a(), av));
                assertThat(ruleViolations(r, rule)).as("%s = %d vs %d", rule.a().jsonName(), av, bv).isEmpty();
                if (rule.isolated()) {
                    assertThat(r.errors()).as("%s = %d vs %d", rule.a().jsonName(), av, bv).isEmpty();
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.jkbms.core.settings.SettingsValidatorTest#crossFieldRules")
        void refusedAtTheBoundaryAndOneStepBeyond(Rule rule) {
            Settings base = rule.base();
            int bv = base.get(rule.b());
            for (int av : rule.refused(bv)) {
                ValidationResult r = SettingsValidator.validate(FULL_24S, base.with(rule.a(), av));
                assertThat(r.isValid()).isFalse();
                List<Violation> found = ruleViolations(r, rule);
                assertThat(found).as("%s = %d vs %d: %s", rule.a().jsonName(), av, bv, r.errors()).hasSize(1);
                Violation v = found.get(0);
                assertThat(v.value()).isEqualTo(Integer.toString(av));
                assertThat(v.allowed()).isEqualTo(rule.expectedAllowed(bv));
                assertThat(v.reason()).isNotBlank();
                if (rule.isolated()) {
                    assertThat(r.errors()).hasSize(1);
                }
                assertThat(r.warnings()).as("no advice while there are errors").isEmpty();
            }
        }

        @Test
        void ovprMessageReadsAsDocumented() {
            ValidationResult r = SettingsValidator.validate(FULL_24S, preset(Chemistry.LFP).with(CELL_OVPR_mV, 3700));
            assertThat(r.errors()).hasSize(1);
            assertThat(r.errors().get(0).line()).isEqualTo("cell_ovpr_mV = 3700: over-voltage recovery must be below the "
                    + "over-voltage limit [allowed: 1000..3599 mV, i.e. < cell_ovp_mV (3600)]");
        }

        @Test
        void uvpAtOrAboveOvpIsNamed() {
            Settings s = preset(Chemistry.NCM).with(SettingsPatch.builder().set(CELL_UVP_mV, 4300).set(CELL_UVPR_mV, 4400)
                    .set(CELL_OVPR_mV, 4100).build());
            ValidationResult r = SettingsValidator.validate(FULL_24S, s);
            assertThat(r.errors()).extracting(Violation::field).contains("cell_uvp_mV");
            assertThat(r.errors()).anySatisfy(v -> {
                assertThat(v.field()).isEqualTo("cell_uvp_mV");
                assertThat(v.allowed()).contains("< cell_ovp_mV (4200)");
            });
        }

        @Test
        void disabledPeakLevelsAreNotCompared() {
            Settings s = preset(Chemistry.LFP).with(SettingsPatch.builder().set(DOCP2_ENABLED, false).set(DOCP3_ENABLED, false)
                    .set(DOCP2_mA, 1_000).set(DOCP3_mA, 1_000).set(DOCP3_DELAY_ms, 60_000).set(DOCP2_DELAY_ms, 10).build());
            assertThat(SettingsValidator.validate(FULL_24S, s).errors()).isEmpty();

            // DOCP2 on, DOCP3 off: only DOCP2 is compared.
            ValidationResult r = SettingsValidator.validate(FULL_24S, s.with(DOCP2_ENABLED, 1));
            assertThat(r.errors()).extracting(Violation::field).containsExactly("docp2_mA");
            assertThat(SettingsValidator.validate(FULL_24S, s.with(DOCP2_ENABLED, 1).with(DOCP2_mA, 120_001)).isValid()).isTrue();

            // DOCP3 on, DOCP2 off: DOCP3 against the continuous limit, delays not compared.
            r = SettingsValidator.validate(FULL_24S, s.with(DOCP3_ENABLED, 1));
            assertThat(r.errors()).extracting(Violation::field).containsExactly("docp3_mA");
            assertThat(r.errors().get(0).allowed()).contains("discharge_ocp_mA (120000)");
            assertThat(SettingsValidator.validate(FULL_24S, s.with(DOCP3_ENABLED, 1).with(DOCP3_mA, 120_001)).isValid()).isTrue();
        }

        @Test
        void docp3DelayOnlyComparedWhenBothLevelsAreOn() {
            Settings slow3 = preset(Chemistry.LFP).with(DOCP3_DELAY_ms, 20_000);
            assertThat(SettingsValidator.validate(FULL_24S, slow3).errors()).extracting(Violation::field)
                    .containsExactly("docp3_delay_ms");
            assertThat(SettingsValidator.validate(FULL_24S, slow3.with(DOCP2_ENABLED, 0)).isValid()).isTrue();
            assertThat(SettingsValidator.validate(FULL_24S, slow3.with(DOCP3_ENABLED, 0)).isValid()).isTrue();
        }

        @Test
        void heatingStartAndStopAreComparedEvenWithHeatingOff() {
            Settings s = preset(Chemistry.LFP).with(HEATING_START_dC, 200);
            ValidationResult r = SettingsValidator.validate(PLAIN_20S, s);
            assertThat(r.errors()).extracting(Violation::field).containsExactly("heating_start_dC");
        }

        @Test
        void rulesSkipFieldsThatAreOutOfRangeSoEachProblemIsReportedOnce() {
            // OVP out of range: no second complaint from OVPR < OVP, RCV < OVP or UVP < OVP.
            ValidationResult r = SettingsValidator.validate(FULL_24S, preset(Chemistry.NCM).with(CELL_OVP_mV, 999));
            assertThat(r.errors()).containsExactly(new Violation("cell_ovp_mV", "999", "1000..5000 mV", "out of range"));
        }
    }

    // =========================================================================================================
    static Stream<Arguments> chemistryAndBase() {
        List<Arguments> a = new ArrayList<>();
        for (Chemistry c : Chemistry.values()) {
            for (BoardModel m : new BoardModel[]{PLAIN_20S, PLAIN_24S, BoardModel.parse("JK-BD4A20S-12PHCR"), FULL_24S}) {
                a.add(Arguments.of(c, m));
            }
        }
        return a.stream();
    }

    @Nested
    class ModelAndChemistry {

        @ParameterizedTest(name = "{0} on {1}")
        @MethodSource("io.jkbms.core.settings.SettingsValidatorTest#chemistryAndBase")
        void cellCountWithinModelTimesChemistry(Chemistry c, BoardModel model) {
            int min = c.minCells();
            int max = c.maxCells(model);
            assertThat(max).isEqualTo(model.maxCells());
            for (int n = min; n <= max; n++) {
                ValidationResult r = SettingsValidator.validate(model, preset(c).with(CELL_COUNT, n));
                assertThat(r.errors()).as("%d cells of %s on %s", n, c, model).isEmpty();
            }
            for (int n : new int[]{min - 1, max + 1}) {
                ValidationResult r = SettingsValidator.validate(model, preset(c).with(CELL_COUNT, n));
                assertThat(r.errors()).as("%d cells of %s on %s", n, c, model).hasSize(1);
                Violation v = r.errors().get(0);
                assertThat(v.field()).isEqualTo("cell_count");
                assertThat(v.value()).isEqualTo(Integer.toString(n));
                if (n <= CELL_COUNT.max()) {
                    assertThat(v.allowed()).isEqualTo(min + ".." + max);
                    assertThat(v.reason()).contains(model.name()).contains(min + "-" + max).contains(c.description());
                } else {
                    assertThat(v.reason()).isEqualTo("out of range");
                }
            }
        }

        @Test
        void examplesFromTheBrief() {
            Settings lto = preset(Chemistry.LTO);
            assertThat(SettingsValidator.validate(PLAIN_24S, lto.with(CELL_COUNT, 13)).errors()).extracting(Violation::field)
                    .containsExactly("cell_count");
            assertThat(SettingsValidator.validate(PLAIN_24S, lto.with(CELL_COUNT, 14)).isValid()).isTrue();

            Settings lfp24 = preset(Chemistry.LFP).with(CELL_COUNT, 24);
            ValidationResult on20 = SettingsValidator.validate(PLAIN_20S, lfp24);
            assertThat(on20.errors()).extracting(Violation::field).containsExactly("cell_count");
            assertThat(on20.errors().get(0).reason()).contains("JK-BD4A20S-12P");
            assertThat(SettingsValidator.validate(PLAIN_24S, lfp24).isValid()).isTrue();
        }

        @Test
        void heatingNeedsTheHSuffix() {
            Settings heat = preset(Chemistry.LFP).with(HEATING_ENABLED, 1);
            for (String m : new String[]{"JK-BD4A20S-12P", "JK-BD4A24S-12PCR", "JK-BD4A20S-12PC"}) {
                ValidationResult r = SettingsValidator.validate(BoardModel.parse(m), heat);
                assertThat(r.errors()).as(m).hasSize(1);
                Violation v = r.errors().get(0);
                assertThat(v.field()).isEqualTo("heating_enabled");
                assertThat(v.value()).isEqualTo("true");
                assertThat(v.allowed()).isEqualTo("false on " + m);
                assertThat(v.reason()).contains(m).contains("'H'");
            }
            for (String m : new String[]{"JK-BD4A20S-12PH", "JK-BD4A24S-12PHCR", "JK-BD4A24S-12PRH"}) {
                assertThat(SettingsValidator.validate(BoardModel.parse(m), heat).isValid()).as(m).isTrue();
            }
            // Off is fine anywhere.
            assertThat(SettingsValidator.validate(PLAIN_20S, heat.with(HEATING_ENABLED, 0)).isValid()).isTrue();
        }

        @Test
        void canPortModeNeedsTheCSuffix() {
            Settings can = preset(Chemistry.LFP).with(COMM_PORT_MODE, CommPortMode.CAN.ordinal());
            for (String m : new String[]{"JK-BD4A20S-12P", "JK-BD4A24S-12PHR", "JK-BD4A24S-12PR"}) {
                ValidationResult r = SettingsValidator.validate(BoardModel.parse(m), can);
                assertThat(r.errors()).as(m).hasSize(1);
                Violation v = r.errors().get(0);
                assertThat(v.field()).isEqualTo("comm_port_mode");
                assertThat(v.value()).isEqualTo("CAN");
                assertThat(v.allowed()).isEqualTo("RS485 on " + m);
                assertThat(v.reason()).contains(m).contains("'C'");
            }
            for (String m : new String[]{"JK-BD4A20S-12PC", "JK-BD4A24S-12PHCR"}) {
                assertThat(SettingsValidator.validate(BoardModel.parse(m), can).isValid()).as(m).isTrue();
            }
            assertThat(SettingsValidator.validate(PLAIN_20S, preset(Chemistry.LFP).with(COMM_PORT_MODE, 0)).isValid()).isTrue();
        }
    }

    // =========================================================================================================
    @Nested
    class Warnings {

        @Test
        void balanceCurrentAboveFifthOfCapacity() {
            Settings s = preset(Chemistry.LFP).with(CAPACITY_mAh, 1_000);
            ValidationResult r = SettingsValidator.validate(FULL_24S, s); // 400 mA > 200 mA
            assertThat(r.isValid()).isTrue();
            assertThat(r.warnings()).hasSize(1);
            Violation w = r.warnings().get(0);
            assertThat(w.field()).isEqualTo("balance_max_mA");
            assertThat(w.value()).isEqualTo("400");
            assertThat(w.allowed()).contains("200 mA").contains("1000 mAh");
            assertThat(w.reason()).contains("0.2 C");

            assertThat(SettingsValidator.validate(FULL_24S, s.with(BALANCE_MAX_mA, 200)).warnings()).isEmpty();
            assertThat(SettingsValidator.validate(FULL_24S, s.with(BALANCE_MAX_mA, 201)).warnings())
                    .extracting(Violation::field).containsExactly("balance_max_mA");
            assertThat(SettingsValidator.validate(FULL_24S, s.with(CAPACITY_mAh, 2_000)).warnings()).isEmpty();
            assertThat(SettingsValidator.validate(FULL_24S, s.with(CAPACITY_mAh, 1_999)).warnings()).hasSize(1);
        }

        @Test
        void packAboveHundredVoltsAtOvp() {
            Settings ncm24 = preset(Chemistry.NCM).with(CELL_COUNT, 24); // 24 x 4.2 V = 100.8 V
            ValidationResult r = SettingsValidator.validate(PLAIN_24S, ncm24);
            assertThat(r.isValid()).isTrue();
            assertThat(r.warnings()).hasSize(1);
            Violation w = r.warnings().get(0);
            assertThat(w.field()).isEqualTo("cell_ovp_mV");
            assertThat(w.value()).isEqualTo("4200");
            assertThat(w.reason()).contains("100800 mV").contains("24 cells");

            assertThat(SettingsValidator.validate(PLAIN_24S, ncm24.with(CELL_COUNT, 23)).warnings()).isEmpty();
            // exactly 100 V is still inside the supply range: 20 x 5000 mV
            Settings lim = preset(Chemistry.NCM).with(SettingsPatch.builder().set(CELL_COUNT, 20).set(CELL_OVP_mV, 5_000).build());
            assertThat(SettingsValidator.validate(PLAIN_24S, lim).warnings()).isEmpty();
            assertThat(SettingsValidator.validate(PLAIN_24S, lim.with(CELL_COUNT, 21)).warnings())
                    .extracting(Violation::field).containsExactly("cell_ovp_mV");
        }

        @Test
        void packBelowTwentyVoltsAtPowerOff() {
            Settings ncm7 = preset(Chemistry.NCM).with(CELL_COUNT, 7); // 7 x 2.7 V = 18.9 V
            ValidationResult r = SettingsValidator.validate(PLAIN_20S, ncm7);
            assertThat(r.isValid()).isTrue();
            assertThat(r.warnings()).hasSize(1);
            Violation w = r.warnings().get(0);
            assertThat(w.field()).isEqualTo("power_off_mV");
            assertThat(w.value()).isEqualTo("2700");
            assertThat(w.reason()).contains("18900 mV").contains("7 cells");

            assertThat(SettingsValidator.validate(PLAIN_20S, ncm7.with(CELL_COUNT, 8)).warnings()).isEmpty();
            // 8 x 2500 = 20000 mV: exactly the bottom of the supply range, no warning; 2499 gives one
            Settings lfp8 = preset(Chemistry.LFP).with(CELL_COUNT, 8);
            assertThat(SettingsValidator.validate(PLAIN_20S, lfp8).warnings()).isEmpty();
            assertThat(SettingsValidator.validate(PLAIN_20S, lfp8.with(POWER_OFF_mV, 2_499)).warnings())
                    .extracting(Violation::field).containsExactly("power_off_mV");
        }

        @Test
        void soc100AtOrAboveOvp() {
            Settings s = preset(Chemistry.LFP);
            ValidationResult r = SettingsValidator.validate(FULL_24S, s.with(SOC100_mV, 3_600));
            assertThat(r.isValid()).isTrue();
            assertThat(r.warnings()).extracting(Violation::field).containsExactly("soc100_mV");
            assertThat(r.warnings().get(0).allowed()).isEqualTo("< cell_ovp_mV (3600)");
            assertThat(SettingsValidator.validate(FULL_24S, s.with(SOC100_mV, 3_700)).warnings()).hasSize(1);
            assertThat(SettingsValidator.validate(FULL_24S, s.with(SOC100_mV, 3_599)).warnings()).isEmpty();
        }

        @Test
        void heatingStartingBelowChargeRecovery() {
            Settings s = preset(Chemistry.LFP).with(SettingsPatch.builder().set(HEATING_ENABLED, true).set(HEATING_START_dC, -150).build());
            BoardModel h = BoardModel.parse("JK-BD4A20S-12PH");
            ValidationResult r = SettingsValidator.validate(h, s);
            assertThat(r.isValid()).isTrue();
            assertThat(r.warnings()).extracting(Violation::field).containsExactly("heating_start_dC");
            assertThat(SettingsValidator.validate(h, s.with(HEATING_START_dC, -100)).warnings()).isEmpty();
            assertThat(SettingsValidator.validate(h, s.with(HEATING_ENABLED, 0)).warnings()).isEmpty();
        }

        @Test
        void severalWarningsAtOnceAndNoneWhileThereAreErrors() {
            Settings s = preset(Chemistry.NCM).with(SettingsPatch.builder().set(CELL_COUNT, 24).set(CAPACITY_mAh, 1_000)
                    .set(SOC100_mV, 4_200).build());
            ValidationResult r = SettingsValidator.validate(PLAIN_24S, s);
            assertThat(r.isValid()).isTrue();
            assertThat(r.warnings()).extracting(Violation::field).containsExactlyInAnyOrder("balance_max_mA", "cell_ovp_mV", "soc100_mV");

            ValidationResult withError = SettingsValidator.validate(PLAIN_20S, s);
            assertThat(withError.isValid()).isFalse();
            assertThat(withError.warnings()).isEmpty();
        }
    }

    // =========================================================================================================
    @Nested
    class AllAtOnce {

        @Test
        void everyProblemIsReportedTogether() {
            Settings s = preset(Chemistry.NCM).with(SettingsPatch.builder()
                    .set(CAPACITY_mAh, 999)             // out of range
                    .set(CELL_OVPR_mV, 4_300)           // cross-field: OVPR < OVP
                    .set(CHARGE_UTPR_dC, -250)          // cross-field: UTPR > UTP
                    .set(CELL_COUNT, 21)                // model x chemistry on 20S
                    .set(HEATING_ENABLED, true)         // no H
                    .set(COMM_PORT_MODE, 1)             // no C
                    .set(SCP_DELAY_us, 4)               // out of range
                    .wireResistance(9, 5_000)           // out of range
                    .build());
            ValidationResult r = SettingsValidator.validate(PLAIN_20S, s);
            assertThat(r.errors()).extracting(Violation::field).containsExactlyInAnyOrder(
                    "capacity_mAh", "cell_ovpr_mV", "charge_utpr_dC", "cell_count", "heating_enabled", "comm_port_mode",
                    "scp_delay_us", "wire_resistance_mOhm[9]");
            assertThat(r.warnings()).isEmpty();

            Settings before = preset(Chemistry.NCM);
            assertThatThrownBy(() -> SettingsValidator.apply(PLAIN_20S, before, s.diffFrom(before)))
                    .isInstanceOfSatisfying(InvalidSettingsException.class, e -> {
                        assertThat(e.violations()).containsExactlyInAnyOrderElementsOf(r.errors());
                        for (Violation v : r.errors()) {
                            assertThat(e.getMessage()).contains(v.line());
                        }
                    });
        }
    }

    // =========================================================================================================
    @Nested
    class Apply {

        @Test
        void oneBadFieldRefusesTheWholePatchAndLeavesTheSettings() {
            Settings current = preset(Chemistry.LFP);
            SettingsPatch patch = SettingsPatch.builder().set(CAPACITY_mAh, 280_000).set(CELL_OVPR_mV, 3_700).build();
            assertThatThrownBy(() -> SettingsValidator.apply(FULL_24S, current, patch))
                    .isInstanceOfSatisfying(InvalidSettingsException.class, e -> {
                        assertThat(e.violations()).extracting(Violation::field).containsExactly("cell_ovpr_mV");
                        assertThat(e.violations().get(0).value()).isEqualTo("3700");
                    })
                    .hasMessageContaining("cell_ovpr_mV = 3700");
            assertThat(current).isEqualTo(preset(Chemistry.LFP));
            assertThat(current.get(CAPACITY_mAh)).isEqualTo(100_000);
        }

        @Test
        void aValidPatchChangesExactlyItsFields() {
            Settings current = preset(Chemistry.LFP);
            SettingsPatch patch = SettingsPatch.builder().set(CAPACITY_mAh, 280_000).set(CELL_OVP_mV, 3_650)
                    .set(BALANCE_ENABLED, false).wireResistance(4, 25).userData("RV bank").build();
            Settings next = SettingsValidator.apply(FULL_24S, current, patch);
            assertThat(next.diffFrom(current)).isEqualTo(patch);
            assertThat(next.get(CAPACITY_mAh)).isEqualTo(280_000);
            assertThat(next.get(CELL_OVP_mV)).isEqualTo(3_650);
            assertThat(next.isOn(BALANCE_ENABLED)).isFalse();
            assertThat(next.wireResistance_mOhm(4)).isEqualTo(25);
            assertThat(next.userData()).isEqualTo("RV bank");
            assertThat(current).isEqualTo(preset(Chemistry.LFP));
        }

        @Test
        void aPatchThatRepairsItselfIsJudgedWhole() {
            // Raising OVP alone above the range is refused; moving OVPR and RCV along with OVP down is fine, since
            // the result is checked, not each field in turn.
            Settings current = preset(Chemistry.LFP);
            SettingsPatch lower = SettingsPatch.builder().set(CELL_OVP_mV, 3_400).set(CELL_OVPR_mV, 3_300)
                    .set(RCV_mV, 3_390).set(RFV_mV, 3_300).set(SOC100_mV, 3_380).build();
            assertThat(SettingsValidator.apply(FULL_24S, current, lower).get(CELL_OVP_mV)).isEqualTo(3_400);
            assertThatThrownBy(() -> SettingsValidator.apply(FULL_24S, current, SettingsPatch.of(CELL_OVP_mV, 3_400)))
                    .isInstanceOf(InvalidSettingsException.class);
        }

        @Test
        void anEmptyPatchReturnsEqualSettings() {
            Settings current = preset(Chemistry.NCM);
            assertThat(SettingsValidator.apply(PLAIN_20S, current, SettingsPatch.builder().build())).isEqualTo(current);
        }

        @Test
        void parsedJsonGoesThroughTheSameGate() {
            Settings current = preset(Chemistry.LFP);
            SettingsPatch p = SettingsPatch.parse(Map.of("battery_type", "lfp", "cell_count", 24, "heating_enabled", true));
            assertThatThrownBy(() -> SettingsValidator.apply(PLAIN_20S, current, p))
                    .isInstanceOfSatisfying(InvalidSettingsException.class, e ->
                            assertThat(e.violations()).extracting(Violation::field)
                                    .containsExactlyInAnyOrder("cell_count", "heating_enabled"));
            Settings ok = SettingsValidator.apply(BoardModel.parse("JK-BD4A24S-12PH"), current, p);
            assertThat(ok.get(CELL_COUNT)).isEqualTo(24);
            assertThat(ok.isOn(HEATING_ENABLED)).isTrue();
        }
    }
}
