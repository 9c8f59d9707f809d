package io.jkbms.core.settings;

import io.jkbms.core.board.Chemistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTest {

    private static final Settings LFP = Presets.forChemistry(Chemistry.LFP);

    @Test
    void toNamedValuesFollowsTheTableThenWiresThenUserData() {
        List<String> expected = new ArrayList<>();
        for (SettingKey k : SettingKey.values()) {
            expected.add(k.jsonName());
        }
        expected.add(Settings.WIRE_RESISTANCE);
        expected.add(Settings.USER_DATA);
        assertThat(new ArrayList<>(LFP.toNamedValues().keySet())).isEqualTo(expected);
        assertThat(expected).startsWith("battery_type", "cell_count", "capacity_mAh")
                .endsWith("low_soc_alarm_pct", "wire_resistance_mOhm", "user_data");
    }

    @Test
    void toNamedValuesShowsValuesAsJsonDoes() {
        Settings s = LFP.with(SettingsPatch.builder().wireResistance(3, 120).userData("garage").build());
        Map<String, Object> m = s.toNamedValues();
        assertThat(m.get("battery_type")).isEqualTo("LFP");
        assertThat(m.get("cell_count")).isEqualTo(16);
        assertThat(m.get("cell_ovp_mV")).isEqualTo(3600);
        assertThat(m.get("charge_enabled")).isEqualTo(true);
        assertThat(m.get("heating_enabled")).isEqualTo(false);
        assertThat(m.get("comm_port_mode")).isEqualTo("RS485");
        assertThat(m.get("can_protocol")).isEqualTo("JK_NATIVE");
        assertThat(m.get("charge_otp_dC")).isEqualTo(700);
        assertThat(m.get("charge_utp_dC")).isEqualTo(-200);
        assertThat(m.get("user_data")).isEqualTo("garage");
        @SuppressWarnings("unchecked")
        List<Integer> wires = (List<Integer>) m.get("wire_resistance_mOhm");
        assertThat(wires).hasSize(Settings.WIRE_CHANNELS);
        assertThat(wires.get(2)).isEqualTo(120);
        assertThat(wires.stream().filter(w -> w != 0)).containsExactly(120);
        for (SettingKey k : SettingKey.values()) {
            Object v = m.get(k.jsonName());
            switch (k.kind()) {
                case BOOL -> assertThat(v).isInstanceOf(Boolean.class);
                case ENUM -> assertThat(v).isInstanceOf(String.class);
                case INT -> assertThat(v).isInstanceOf(Integer.class);
            }
        }
    }

    @Test
    void accessorsReadTheStoredValues() {
        Settings s = Presets.forChemistry(Chemistry.NCM)
                .with(SettingsPatch.builder().set(SettingKey.COMM_PORT_MODE, CommPortMode.CAN.ordinal())
                        .set(SettingKey.CAN_PROTOCOL, CanProtocol.PYLONTECH.ordinal())
                        .set(SettingKey.BALANCE_ENABLED, false).build());
        assertThat(s.chemistry()).isEqualTo(Chemistry.NCM);
        assertThat(s.commPortMode()).isEqualTo(CommPortMode.CAN);
        assertThat(s.canProtocol()).isEqualTo(CanProtocol.PYLONTECH);
        assertThat(s.isOn(SettingKey.BALANCE_ENABLED)).isFalse();
        assertThat(s.get(SettingKey.BALANCE_ENABLED)).isZero();
        assertThat(s.isOn(SettingKey.CHARGE_ENABLED)).isTrue();
        assertThat(s.get(SettingKey.CELL_OVP_mV)).isEqualTo(4200);
        assertThat(s.userData()).isEmpty();
    }

    @Test
    void wireResistancesAreOneBasedAndReturnedAsACopy() {
        Settings s = LFP.with(SettingsPatch.builder().wireResistance(1, 11).wireResistance(24, 240).build());
        assertThat(s.wireResistance_mOhm(1)).isEqualTo(11);
        assertThat(s.wireResistance_mOhm(24)).isEqualTo(240);
        assertThat(s.wireResistance_mOhm(2)).isZero();
        int[] copy = s.wireResistances_mOhm();
        assertThat(copy).hasSize(24).startsWith(11, 0);
        copy[0] = 999;
        assertThat(s.wireResistance_mOhm(1)).isEqualTo(11);
        assertThat(s.wireResistances_mOhm()[0]).isEqualTo(11);
    }

    @Test
    void withMakesACopyAndLeavesTheOriginal() {
        Settings before = Presets.forChemistry(Chemistry.LFP);
        Settings after = before.with(SettingKey.CELL_OVP_mV, 3650);
        assertThat(after.get(SettingKey.CELL_OVP_mV)).isEqualTo(3650);
        assertThat(before.get(SettingKey.CELL_OVP_mV)).isEqualTo(3600);
        assertThat(before).isEqualTo(LFP);
        assertThat(after).isNotSameAs(before).isNotEqualTo(before);
        // Every other field is carried over.
        for (SettingKey k : SettingKey.values()) {
            if (k != SettingKey.CELL_OVP_mV) {
                assertThat(after.get(k)).as(k.jsonName()).isEqualTo(before.get(k));
            }
        }
    }

    @Test
    void withAnEmptyPatchGivesAnEqualSettings() {
        assertThat(LFP.with(SettingsPatch.builder().build())).isEqualTo(LFP);
    }

    @Test
    void userDataIsKeptUnlessThePatchHasIt() {
        Settings named = LFP.with(SettingsPatch.builder().userData("pack A").build());
        assertThat(named.userData()).isEqualTo("pack A");
        assertThat(named.with(SettingKey.CAPACITY_mAh, 50_000).userData()).isEqualTo("pack A");
        assertThat(named.with(SettingsPatch.builder().userData("").build()).userData()).isEmpty();
    }

    @Test
    void equalsAndHashCodeCoverValuesWiresAndUserData() {
        Settings a = Presets.forChemistry(Chemistry.LFP);
        Settings b = Presets.forChemistry(Chemistry.LFP);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotSameAs(b);
        assertThat(a).isNotEqualTo(Presets.forChemistry(Chemistry.NCM));
        assertThat(a).isNotEqualTo(a.with(SettingKey.LOW_SOC_ALARM_pct, 11));
        assertThat(a).isNotEqualTo(a.with(SettingsPatch.builder().wireResistance(7, 1).build()));
        assertThat(a).isNotEqualTo(a.with(SettingsPatch.builder().userData("x").build()));
        assertThat(a).isNotEqualTo(null).isNotEqualTo("Settings");
        Settings c = a.with(SettingKey.LOW_SOC_ALARM_pct, 11).with(SettingKey.LOW_SOC_ALARM_pct, 10);
        assertThat(c).isEqualTo(a).hasSameHashCodeAs(a);
    }

    @Test
    void diffFromListsExactlyTheChangedFields() {
        Settings a = LFP;
        Settings b = a.with(SettingsPatch.builder()
                .set(SettingKey.CELL_OVP_mV, 3650)
                .set(SettingKey.HEATING_ENABLED, true)
                .wireResistance(5, 80)
                .userData("shed")
                .build());
        SettingsPatch d = b.diffFrom(a);
        assertThat(d.values()).containsOnly(Map.entry(SettingKey.CELL_OVP_mV, 3650), Map.entry(SettingKey.HEATING_ENABLED, 1));
        assertThat(d.wireResistance_mOhm()).containsOnly(Map.entry(5, 80));
        assertThat(d.userData()).contains("shed");
        assertThat(a.with(d)).isEqualTo(b);

        SettingsPatch back = a.diffFrom(b);
        assertThat(back.values()).containsOnly(Map.entry(SettingKey.CELL_OVP_mV, 3600), Map.entry(SettingKey.HEATING_ENABLED, 0));
        assertThat(back.wireResistance_mOhm()).containsOnly(Map.entry(5, 0));
        assertThat(back.userData()).contains("");
        assertThat(b.with(back)).isEqualTo(a);
    }

    @Test
    void diffFromItselfIsEmpty() {
        assertThat(LFP.diffFrom(Presets.forChemistry(Chemistry.LFP)).isEmpty()).isTrue();
    }

    @Test
    void diffBetweenPresetsRoundTrips() {
        for (Chemistry x : Chemistry.values()) {
            for (Chemistry y : Chemistry.values()) {
                Settings a = Presets.forChemistry(x);
                Settings b = Presets.forChemistry(y);
                assertThat(a.with(b.diffFrom(a))).isEqualTo(b);
                assertThat(b.diffFrom(a).isEmpty()).isEqualTo(x == y);
            }
        }
    }

    @Test
    void toStringShowsTheNamedValues() {
        assertThat(LFP.toString()).startsWith("Settings{battery_type=LFP, cell_count=16").contains("user_data=");
    }

    @Test
    void printableAsciiCheck() {
        assertThat(Settings.isPrintableAscii("")).isTrue();
        assertThat(Settings.isPrintableAscii("Pack #1 ~ ok!")).isTrue();
        assertThat(Settings.isPrintableAscii("caf\u00e9")).isFalse();
        assertThat(Settings.isPrintableAscii("tab\there")).isFalse();
        assertThat(Settings.isPrintableAscii("del\u007f")).isFalse();
        assertThat(Settings.isPrintableAscii("\u00b0C")).isFalse();
    }

    @Test
    void wireChannelsAndLimits() {
        assertThat(Settings.WIRE_CHANNELS).isEqualTo(24);
        assertThat(Settings.USER_DATA_MAX_CHARS).isEqualTo(13);
        assertThat(LFP.wireResistances_mOhm()).hasSize(24);
        assertThat(Arrays.stream(LFP.wireResistances_mOhm()).sum()).isZero();
    }
}
