package io.jkbms.core.settings;

import io.jkbms.core.board.BoardFunction;
import io.jkbms.core.board.Chemistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SettingKeyTest {

    @Test
    void jsonNamesAreUniqueAndFoundByName() {
        List<String> names = Arrays.stream(SettingKey.values()).map(SettingKey::jsonName).toList();
        assertThat(names).doesNotHaveDuplicates().doesNotContain(Settings.WIRE_RESISTANCE, Settings.USER_DATA);
        for (SettingKey k : SettingKey.values()) {
            assertThat(SettingKey.byJsonName(k.jsonName())).contains(k);
            assertThat(k.jsonName()).isEqualToIgnoringCase(k.name());
        }
        assertThat(SettingKey.byJsonName("no_such_setting")).isEmpty();
        assertThat(SettingKey.byJsonName("CELL_OVP_MV")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SettingKey.class)
    void rangesAreOrderedAndKindsConsistent(SettingKey k) {
        assertThat(k.min()).isLessThan(k.max());
        assertThat(k.description()).isNotBlank();
        assertThat(k.group()).isNotNull();
        switch (k.kind()) {
            case BOOL -> {
                assertThat(k.min()).isZero();
                assertThat(k.max()).isEqualTo(1);
                assertThat(k.enumNames()).isEmpty();
                assertThat(k.rangeText()).isEqualTo("true|false");
                assertThat(k.unit()).isEmpty();
            }
            case ENUM -> {
                assertThat(k.min()).isZero();
                assertThat(k.max()).isEqualTo(k.enumNames().size() - 1);
                assertThat(k.rangeText()).isEqualTo(String.join("|", k.enumNames()));
                assertThat(k.unit()).isEmpty();
            }
            case INT -> {
                assertThat(k.enumNames()).isEmpty();
                assertThat(k.rangeText()).startsWith(k.min() + ".." + k.max());
            }
        }
    }

    @Test
    void enumNamesFollowTheEnumsOrdinals() {
        assertThat(SettingKey.BATTERY_TYPE.enumNames())
                .containsExactly(Arrays.stream(Chemistry.values()).map(Enum::name).toArray(String[]::new));
        assertThat(SettingKey.COMM_PORT_MODE.enumNames()).containsExactly("RS485", "CAN");
        assertThat(SettingKey.CAN_PROTOCOL.enumNames()).containsExactly("JK_NATIVE", "PYLONTECH");
    }

    @Test
    void unitsComeFromTheJsonName() {
        assertThat(SettingKey.CELL_OVP_mV.unit()).isEqualTo("mV");
        assertThat(SettingKey.CHARGE_OCP_mA.unit()).isEqualTo("mA");
        assertThat(SettingKey.CHARGE_OTP_dC.unit()).isEqualTo("dC");
        assertThat(SettingKey.SCP_DELAY_us.unit()).isEqualTo("us");
        assertThat(SettingKey.DOCP2_DELAY_ms.unit()).isEqualTo("ms");
        assertThat(SettingKey.SLEEP_DELAY_h.unit()).isEqualTo("h");
        assertThat(SettingKey.CAPACITY_mAh.unit()).isEqualTo("mAh");
        assertThat(SettingKey.REBULK_SOC_pct.unit()).isEqualTo("pct");
        assertThat(SettingKey.CELL_COUNT.unit()).isEmpty();
        assertThat(SettingKey.DEVICE_ADDRESS.unit()).isEmpty();
        assertThat(SettingKey.CHARGE_ENABLED.unit()).isEmpty();
        assertThat(SettingKey.BATTERY_TYPE.unit()).isEmpty();
    }

    @Test
    void rangeTextAsPeopleReadIt() {
        assertThat(SettingKey.CELL_OVP_mV.rangeText()).isEqualTo("1000..5000 mV");
        assertThat(SettingKey.CELL_COUNT.rangeText()).isEqualTo("1..24");
        assertThat(SettingKey.CHARGE_OTP_dC.rangeText()).isEqualTo("-400..1200 dC");
        assertThat(SettingKey.BATTERY_TYPE.rangeText()).isEqualTo("NCM|LFP|LTO");
        assertThat(SettingKey.HEATING_ENABLED.rangeText()).isEqualTo("true|false");
    }

    @Test
    void toJsonValueRendersNumbersBooleansAndEnumNames() {
        assertThat(SettingKey.CELL_OVP_mV.toJsonValue(3600)).isEqualTo(3600);
        assertThat(SettingKey.CHARGE_ENABLED.toJsonValue(1)).isEqualTo(true);
        assertThat(SettingKey.CHARGE_ENABLED.toJsonValue(0)).isEqualTo(false);
        assertThat(SettingKey.BATTERY_TYPE.toJsonValue(Chemistry.LFP.ordinal())).isEqualTo("LFP");
        assertThat(SettingKey.COMM_PORT_MODE.toJsonValue(1)).isEqualTo("CAN");
        // An enum value without a name stays a number rather than failing.
        assertThat(SettingKey.BATTERY_TYPE.toJsonValue(7)).isEqualTo(7);
        assertThat(SettingKey.BATTERY_TYPE.toJsonValue(-1)).isEqualTo(-1);
    }

    @Test
    void rangesFromTheGuide() {
        assertThat(SettingKey.CELL_COUNT.max()).isEqualTo(24);
        assertThat(SettingKey.CHARGE_OCP_mA.max()).isEqualTo(120_000);
        assertThat(SettingKey.DISCHARGE_OCP_mA.max()).isEqualTo(120_000);
        assertThat(SettingKey.DOCP3_mA.max()).isEqualTo(240_000);
        assertThat(SettingKey.BALANCE_MAX_mA.max()).isEqualTo(400);
        assertThat(SettingKey.SCP_DELAY_us.min()).isEqualTo(5);
    }

    @Test
    void onlyHeatingNeedsAModelFunction() {
        for (SettingKey k : SettingKey.values()) {
            if (k == SettingKey.HEATING_ENABLED) {
                assertThat(k.requires()).contains(BoardFunction.HEATING);
            } else {
                assertThat(k.requires()).as(k.jsonName()).isEmpty();
            }
        }
    }
}
