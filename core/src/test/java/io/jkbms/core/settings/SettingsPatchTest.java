package io.jkbms.core.settings;

import io.jkbms.core.board.Chemistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsPatchTest {

    private static Map<String, Object> json(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Violation only(SettingsPatch.Parsed p) {
        assertThat(p.problems()).hasSize(1);
        return p.problems().get(0);
    }

    // ---- numbers -------------------------------------------------------------------------------------------

    @Test
    void parsesIntegers() {
        SettingsPatch p = SettingsPatch.parse(json("cell_ovp_mV", 3600, "charge_utp_dC", -200, "capacity_mAh", 280_000L,
                "cell_count", (short) 16, "device_address", (byte) 3));
        assertThat(p.values()).containsOnly(
                Map.entry(SettingKey.CELL_OVP_mV, 3600), Map.entry(SettingKey.CHARGE_UTP_dC, -200),
                Map.entry(SettingKey.CAPACITY_mAh, 280_000), Map.entry(SettingKey.CELL_COUNT, 16),
                Map.entry(SettingKey.DEVICE_ADDRESS, 3));
        assertThat(p.wireResistance_mOhm()).isEmpty();
        assertThat(p.userData()).isEmpty();
    }

    @Test
    void wholeJsonNumbersWithADecimalPointAreIntegers() {
        assertThat(SettingsPatch.parse(json("cell_ovp_mV", 3600.0)).values()).containsOnly(Map.entry(SettingKey.CELL_OVP_mV, 3600));
        assertThat(SettingsPatch.parse(json("cell_ovp_mV", new BigDecimal("3600.000"))).values())
                .containsOnly(Map.entry(SettingKey.CELL_OVP_mV, 3600));
        assertThat(SettingsPatch.parse(json("charge_otp_dC", -50.0f)).values()).containsOnly(Map.entry(SettingKey.CHARGE_OTP_dC, -50));
    }

    @Test
    void fractionalNumbersAreRefused() {
        SettingsPatch.Parsed p = SettingsPatch.parseAll(json("cell_ovp_mV", 3600.5));
        assertThat(p.patch().isEmpty()).isTrue();
        Violation v = only(p);
        assertThat(v.field()).isEqualTo("cell_ovp_mV");
        assertThat(v.value()).isEqualTo("3600.5");
        assertThat(v.allowed()).isEqualTo("1000..5000 mV");
        assertThat(v.reason()).contains("wrong type").contains("integer");
        assertThatThrownBy(() -> SettingsPatch.parse(json("cell_ovp_mV", 3600.5)))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("cell_ovp_mV = 3600.5");
    }

    @Test
    void numbersOutsideIntAndNonNumbersAreRefused() {
        for (Object bad : new Object[]{5_000_000_000L, 1e12, Double.NaN, Double.POSITIVE_INFINITY, "3600", true, List.of(3600), null}) {
            SettingsPatch.Parsed p = SettingsPatch.parseAll(json("cell_ovp_mV", bad));
            assertThat(p.patch().values()).as(String.valueOf(bad)).isEmpty();
            assertThat(only(p).field()).isEqualTo("cell_ovp_mV");
            assertThat(only(p).value()).isEqualTo(String.valueOf(bad));
            assertThat(only(p).reason()).startsWith("wrong type");
        }
    }

    @Test
    void rangesAreLeftToTheValidator() {
        SettingsPatch p = SettingsPatch.parse(json("cell_ovp_mV", 99_999, "cell_count", 0));
        assertThat(p.values()).containsOnly(Map.entry(SettingKey.CELL_OVP_mV, 99_999), Map.entry(SettingKey.CELL_COUNT, 0));
    }

    // ---- switches ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"true, 1", "false, 0"})
    void parsesBooleans(boolean given, int stored) {
        assertThat(SettingsPatch.parse(json("charge_enabled", given)).values())
                .containsOnly(Map.entry(SettingKey.CHARGE_ENABLED, stored));
    }

    @Test
    void switchesAlsoTakeZeroAndOne() {
        SettingsPatch p = SettingsPatch.parse(json("charge_enabled", 0, "balance_enabled", 1, "sleep_enabled", 1.0));
        assertThat(p.values()).containsOnly(Map.entry(SettingKey.CHARGE_ENABLED, 0), Map.entry(SettingKey.BALANCE_ENABLED, 1),
                Map.entry(SettingKey.SLEEP_ENABLED, 1));
    }

    @Test
    void switchesRefuseOtherValues() {
        for (Object bad : new Object[]{2, -1, 0.5, "true", "on", "yes"}) {
            SettingsPatch.Parsed p = SettingsPatch.parseAll(json("charge_enabled", bad));
            Violation v = only(p);
            assertThat(v.field()).isEqualTo("charge_enabled");
            assertThat(v.value()).isEqualTo(String.valueOf(bad));
            assertThat(v.allowed()).isEqualTo("true|false");
            assertThat(v.reason()).isEqualTo("wrong type: expected true or false");
            assertThat(p.patch().isEmpty()).isTrue();
        }
    }

    // ---- enums ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"lfp, LFP", "LFP, LFP", "' Lfp ', LFP", "LiFePO4, LFP", "NCM, NCM", "ncm, NCM", "ternary, NCM",
            "Ternary, NCM", "NMC, NCM", "li-ion, NCM", "LTO, LTO", "lto, LTO"})
    void parsesBatteryTypeNamesAndAliases(String text, Chemistry expected) {
        assertThat(SettingsPatch.parse(json("battery_type", text)).values())
                .containsOnly(Map.entry(SettingKey.BATTERY_TYPE, expected.ordinal()));
    }

    @Test
    void parsesOtherEnumsByNameIgnoringCase() {
        SettingsPatch p = SettingsPatch.parse(json("comm_port_mode", "can", "can_protocol", "Pylontech"));
        assertThat(p.values()).containsOnly(Map.entry(SettingKey.COMM_PORT_MODE, CommPortMode.CAN.ordinal()),
                Map.entry(SettingKey.CAN_PROTOCOL, CanProtocol.PYLONTECH.ordinal()));
        assertThat(SettingsPatch.parse(json("comm_port_mode", "RS485")).values())
                .containsOnly(Map.entry(SettingKey.COMM_PORT_MODE, CommPortMode.RS485.ordinal()));
    }

    @Test
    void enumsRefuseUnknownNamesAndNumbers() {
        for (Object bad : new Object[]{"lipo", "", 0, 1, true}) {
            Violation v = only(SettingsPatch.parseAll(json("battery_type", bad)));
            assertThat(v.field()).isEqualTo("battery_type");
            assertThat(v.value()).isEqualTo(String.valueOf(bad));
            assertThat(v.allowed()).isEqualTo("NCM|LFP|LTO");
            assertThat(v.reason()).isEqualTo("wrong type: expected one of NCM|LFP|LTO");
        }
        Violation v = only(SettingsPatch.parseAll(json("comm_port_mode", "ternary")));
        assertThat(v.allowed()).isEqualTo("RS485|CAN");
    }

    // ---- wire resistances ----------------------------------------------------------------------------------

    @Test
    void wireResistancesAsAnArrayAreCellsOneUp() {
        SettingsPatch p = SettingsPatch.parse(json("wire_resistance_mOhm", List.of(10, 20, 30.0)));
        assertThat(p.wireResistance_mOhm()).containsExactly(Map.entry(1, 10), Map.entry(2, 20), Map.entry(3, 30));
        assertThat(p.values()).isEmpty();
    }

    @Test
    void wireResistancesAsAnObjectByCell() {
        SettingsPatch p = SettingsPatch.parse(json("wire_resistance_mOhm", json("3", 120, "24", 1000, "1", 0)));
        assertThat(p.wireResistance_mOhm()).containsExactly(Map.entry(1, 0), Map.entry(3, 120), Map.entry(24, 1000));
    }

    @Test
    void aFullArrayOfTwentyFourIsAccepted() {
        List<Integer> all = new ArrayList<>(Collections.nCopies(24, 7));
        assertThat(SettingsPatch.parse(json("wire_resistance_mOhm", all)).wireResistance_mOhm()).hasSize(24).containsValue(7);
    }

    @Test
    void wireResistanceProblemsNameTheCell() {
        SettingsPatch.Parsed p = SettingsPatch.parseAll(json("wire_resistance_mOhm", List.of(10, -1, 1001, 2.5, "x")));
        assertThat(p.patch().wireResistance_mOhm()).containsExactly(Map.entry(1, 10));
        assertThat(p.problems()).extracting(Violation::field).containsExactly(
                "wire_resistance_mOhm[2]", "wire_resistance_mOhm[3]", "wire_resistance_mOhm[4]", "wire_resistance_mOhm[5]");
        assertThat(p.problems()).extracting(Violation::value).containsExactly("-1", "1001", "2.5", "x");
        assertThat(p.problems().get(0).reason()).isEqualTo("out of range");
        assertThat(p.problems().get(1).reason()).isEqualTo("out of range");
        assertThat(p.problems().get(2).reason()).startsWith("wrong type");
        assertThat(p.problems()).allSatisfy(v -> assertThat(v.allowed()).isEqualTo("0..1000 mOhm"));
    }

    @Test
    void wireResistanceObjectRefusesCellsThatDoNotExist() {
        SettingsPatch.Parsed p = SettingsPatch.parseAll(json("wire_resistance_mOhm", json("0", 1, "25", 2, "x", 3, "4", 40)));
        assertThat(p.patch().wireResistance_mOhm()).containsExactly(Map.entry(4, 40));
        assertThat(p.problems()).extracting(Violation::field)
                .containsExactly("wire_resistance_mOhm[0]", "wire_resistance_mOhm[25]", "wire_resistance_mOhm[x]");
        assertThat(p.problems()).allSatisfy(v -> {
            assertThat(v.reason()).isEqualTo("no such cell");
            assertThat(v.allowed()).isEqualTo("cells 1..24");
        });
    }

    @Test
    void wireResistanceRefusesMoreThan24AndOtherTypes() {
        Violation tooMany = only(SettingsPatch.parseAll(json("wire_resistance_mOhm", Collections.nCopies(25, 1))));
        assertThat(tooMany.field()).isEqualTo("wire_resistance_mOhm");
        assertThat(tooMany.value()).isEqualTo("25 values");
        assertThat(tooMany.reason()).isEqualTo("too many cells");

        Violation scalar = only(SettingsPatch.parseAll(json("wire_resistance_mOhm", 5)));
        assertThat(scalar.field()).isEqualTo("wire_resistance_mOhm");
        assertThat(scalar.reason()).startsWith("wrong type");
    }

    // ---- user data -----------------------------------------------------------------------------------------

    @Test
    void userDataTakesUpTo13PrintableAsciiCharacters() {
        assertThat(SettingsPatch.parse(json("user_data", "Garage pack 1")).userData()).contains("Garage pack 1");
        assertThat(SettingsPatch.parse(json("user_data", "")).userData()).contains("");
    }

    @Test
    void userDataRefusesLongNonAsciiAndNonText() {
        for (Object bad : new Object[]{"Garage pack 12", "caf\u00e9", "line\nbreak", "23 \u00b0C", 42, null}) {
            SettingsPatch.Parsed p = SettingsPatch.parseAll(json("user_data", bad));
            Violation v = only(p);
            assertThat(v.field()).isEqualTo("user_data");
            assertThat(v.value()).isEqualTo(String.valueOf(bad));
            assertThat(v.allowed()).contains("13 printable ASCII");
            assertThat(p.patch().userData()).isEmpty();
        }
    }

    // ---- names and the all-at-once report ------------------------------------------------------------------

    @Test
    void unknownNamesAreReported() {
        Violation v = only(SettingsPatch.parseAll(json("cell_ovp", 3600)));
        assertThat(v.field()).isEqualTo("cell_ovp");
        assertThat(v.value()).isEqualTo("3600");
        assertThat(v.reason()).isEqualTo("unknown setting");
        // names are exact: JSON names carry their unit with its case
        assertThat(only(SettingsPatch.parseAll(json("CELL_OVP_MV", 3600))).reason()).isEqualTo("unknown setting");
    }

    @Test
    void parseAllKeepsTheGoodEntriesAndListsEveryProblem() {
        SettingsPatch.Parsed p = SettingsPatch.parseAll(json(
                "cell_ovp_mV", 3650,
                "bogus", 1,
                "charge_enabled", "yes",
                "battery_type", "ternary",
                "cell_uvp_mV", 2600.5,
                "wire_resistance_mOhm", json("2", 15),
                "user_data", "caf\u00e9",
                "heating_enabled", true));
        assertThat(p.patch().values()).containsOnly(Map.entry(SettingKey.CELL_OVP_mV, 3650),
                Map.entry(SettingKey.BATTERY_TYPE, Chemistry.NCM.ordinal()), Map.entry(SettingKey.HEATING_ENABLED, 1));
        assertThat(p.patch().wireResistance_mOhm()).containsExactly(Map.entry(2, 15));
        assertThat(p.patch().userData()).isEmpty();
        assertThat(p.problems()).extracting(Violation::field)
                .containsExactly("bogus", "charge_enabled", "cell_uvp_mV", "user_data");
        assertThatThrownBy(() -> p.problems().add(p.problems().get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parseThrowsWithEveryProblem() {
        assertThatThrownBy(() -> SettingsPatch.parse(json("cell_ovp_mV", 3650, "bogus", 1, "charge_enabled", 7)))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e ->
                        assertThat(e.violations()).extracting(Violation::field).containsExactly("bogus", "charge_enabled"))
                .hasMessageContaining("bogus = 1: unknown setting")
                .hasMessageContaining("charge_enabled = 7");
    }

    @Test
    void parseOfNothingIsAnEmptyPatch() {
        SettingsPatch p = SettingsPatch.parse(Map.of());
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.toNamedValues()).isEmpty();
    }

    // ---- the record, the builder and the named form -------------------------------------------------------

    @Test
    void theRecordCopiesAndFreezesItsMaps() {
        Map<SettingKey, Integer> values = new HashMap<>(Map.of(SettingKey.CELL_OVP_mV, 3600));
        Map<Integer, Integer> wires = new HashMap<>(Map.of(2, 20));
        SettingsPatch p = new SettingsPatch(values, wires, Optional.empty());
        values.put(SettingKey.CELL_UVP_mV, 2500);
        wires.put(3, 30);
        assertThat(p.values()).containsOnlyKeys(SettingKey.CELL_OVP_mV);
        assertThat(p.wireResistance_mOhm()).containsOnlyKeys(2);
        assertThatThrownBy(() -> p.values().put(SettingKey.CELL_UVP_mV, 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.wireResistance_mOhm().put(1, 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderRefusesCellsOutside1To24() {
        assertThatThrownBy(() -> SettingsPatch.builder().wireResistance(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cell 0");
        assertThatThrownBy(() -> SettingsPatch.builder().wireResistance(25, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cell 25");
    }

    @Test
    void builderCollectsAndSetAllMerges() {
        SettingsPatch a = SettingsPatch.builder().set(SettingKey.CELL_OVP_mV, 3600).set(SettingKey.CHARGE_ENABLED, false)
                .wireResistance(1, 10).build();
        SettingsPatch b = SettingsPatch.builder().set(SettingKey.CELL_OVP_mV, 3650).userData("x").wireResistance(2, 20).build();
        SettingsPatch merged = SettingsPatch.builder().setAll(a).setAll(b).build();
        assertThat(merged.values()).containsOnly(Map.entry(SettingKey.CELL_OVP_mV, 3650), Map.entry(SettingKey.CHARGE_ENABLED, 0));
        assertThat(merged.wireResistance_mOhm()).containsExactly(Map.entry(1, 10), Map.entry(2, 20));
        assertThat(merged.userData()).contains("x");
        assertThat(SettingsPatch.of(SettingKey.SLEEP_DELAY_h, 12).values()).containsOnly(Map.entry(SettingKey.SLEEP_DELAY_h, 12));
        assertThat(SettingsPatch.of(SettingKey.SLEEP_DELAY_h, 12).isEmpty()).isFalse();
        assertThat(SettingsPatch.builder().userData("").build().isEmpty()).isFalse();
        assertThat(SettingsPatch.builder().wireResistance(3, 0).build().isEmpty()).isFalse();
    }

    @Test
    void toNamedValuesShowsTheChangedFieldsAsJsonDoes() {
        SettingsPatch p = SettingsPatch.builder().set(SettingKey.CHARGE_ENABLED, true)
                .set(SettingKey.BATTERY_TYPE, Chemistry.LTO.ordinal()).set(SettingKey.CELL_OVP_mV, 2700)
                .wireResistance(3, 120).userData("hi").build();
        Map<String, Object> m = p.toNamedValues();
        assertThat(m).containsEntry("charge_enabled", true).containsEntry("battery_type", "LTO")
                .containsEntry("cell_ovp_mV", 2700).containsEntry("wire_resistance_mOhm[3]", 120)
                .containsEntry("user_data", "hi").hasSize(5);
        // table order for the scalar fields
        assertThat(new ArrayList<>(m.keySet())).startsWith("battery_type", "cell_ovp_mV", "charge_enabled");
    }

    @Test
    void scalarPatchesRoundTripThroughTheirNamedForm() {
        SettingsPatch p = SettingsPatch.builder().set(SettingKey.CHARGE_ENABLED, false)
                .set(SettingKey.BATTERY_TYPE, Chemistry.LFP.ordinal())
                .set(SettingKey.COMM_PORT_MODE, CommPortMode.CAN.ordinal())
                .set(SettingKey.CHARGE_UTP_dC, -150).userData("abc").build();
        assertThat(SettingsPatch.parse(p.toNamedValues())).isEqualTo(p);
    }
}
