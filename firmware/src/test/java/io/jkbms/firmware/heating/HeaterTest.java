package io.jkbms.firmware.heating;

import io.jkbms.core.board.UnsupportedFunctionException;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.firmware.Rig;
import io.jkbms.firmware.Switch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaterTest {

    /** An H model with heating on (start 0 °C, stop 10 °C), a charger connected but the pack cold. */
    private static Rig coldWithCharger(double temperature_C) {
        Rig rig = Rig.lfp16("JK-BD4A24S-12PH", SettingsPatch.of(SettingKey.HEATING_ENABLED, 1));
        rig.board.setTemperatures_C(temperature_C, temperature_C, temperature_C);
        rig.board.load(rig.board.readPackVoltage_mV() + 3_000);
        rig.run(100);
        return rig;
    }

    @Test
    void heatingStartsAtTheStartTemperatureWithAChargerPresent() {
        Rig warm = coldWithCharger(0.5);
        assertThat(warm.board.heater).isFalse();
        Rig rig = coldWithCharger(0.0);
        assertThat(rig.board.heater).isTrue();
        assertThat(rig.bms.telemetry().heating()).isTrue();
        assertThat(rig.bms.telemetry().heatingCurrent_mA()).isEqualTo(10_000);
        assertThat(rig.events(EventType.HEATING, Phase.START)).hasSize(1);
    }

    @Test
    void heatingStopsWhenTheColdestSensorReachesTheStopTemperature() {
        Rig rig = coldWithCharger(-5);
        assertThat(rig.board.heater).isTrue();
        rig.board.setTemperatures_C(12, 9.5, 12);
        rig.run(100);
        assertThat(rig.board.heater).isTrue();
        rig.board.setTemperatures_C(12, 10, 12);
        rig.run(100);
        assertThat(rig.board.heater).isFalse();
        assertThat(rig.events(EventType.HEATING, Phase.STOP).get(0).detail()).isEqualTo("pack warm");
    }

    @Test
    void noHeatingWithoutACharger() {
        Rig rig = coldWithCharger(-5);
        rig.board.load(0);
        rig.run(4_900); // the film pulls a weak charger down: presence is judged over 5 s
        assertThat(rig.board.heater).isTrue();
        rig.run(200);
        assertThat(rig.board.heater).isFalse();
        assertThat(rig.events(EventType.HEATING, Phase.STOP).get(0).detail()).isEqualTo("charger gone");
    }

    @Test
    void belowTheChargeLowTemperatureLimitChargingWaitsUntilThePackIsWarm() {
        Rig rig = coldWithCharger(-25);
        rig.run(6_000);
        assertThat(rig.bms.telemetry().alarms()).contains(Alarm.CHARGE_UTP);
        assertThat(rig.board.chargeMos).isFalse();
        assertThat(rig.board.heater).isTrue();
        assertThat(rig.events(EventType.HEATING, Phase.START).get(0).detail()).contains("charging waits");
        // The film warms the pack past the charge low-temperature recovery (-10 °C).
        rig.board.setTemperatures_C(5, -9, -9);
        rig.run(3_000);
        assertThat(rig.board.chargeMos).isTrue();
        assertThat(rig.board.heater).isTrue();
        rig.board.setTemperatures_C(15, 10, 11);
        rig.run(100);
        assertThat(rig.board.heater).isFalse();
    }

    @Test
    void aChargerTooWeakForTheFilmStopsTheHeatingAndItRetriesAfterFiveMinutes() {
        Rig rig = coldWithCharger(-5);
        rig.board.current(-4_000); // the pack feeds the film
        rig.run(2_100);
        assertThat(rig.board.heater).isFalse();
        assertThat(rig.events(EventType.HEATING, Phase.STOP).get(0).detail()).contains("cannot feed the film");
        rig.board.current(0);
        rig.run(290_000);
        assertThat(rig.board.heater).isFalse();
        rig.run(10_000);
        assertThat(rig.board.heater).isTrue();
    }

    @Test
    void heatingStopsWhileAnOverTemperatureProtectionIsActive() {
        Rig rig = coldWithCharger(-5);
        rig.board.setTemperatures_C(95, -5, -5); // MOSFETs over temperature
        rig.run(5_100);
        assertThat(rig.bms.telemetry().alarms()).contains(io.jkbms.core.telemetry.Alarm.MOS_OTP);
        assertThat(rig.board.heater).isFalse();
        assertThat(rig.events(EventType.HEATING, Phase.STOP).get(0).detail()).contains("over-temperature");
    }

    @Test
    void aFailedSensorStopsTheHeating() {
        Rig rig = coldWithCharger(-5);
        rig.board.sensorOpen(2);
        rig.run(100);
        assertThat(rig.board.heater).isFalse();
    }

    @Test
    void heatingIsRefusedOnAModelWithoutH() {
        Rig rig = Rig.lfp16("JK-BD4A24S-12P");
        assertThatThrownBy(() -> rig.bms.setSwitch(Switch.HEATING, true, "test"))
                .isInstanceOf(UnsupportedFunctionException.class)
                .hasMessageContaining("JK-BD4A24S-12P has no heating").hasMessageContaining("'H'");
        assertThatThrownBy(() -> rig.set(SettingKey.HEATING_ENABLED, 1))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("heating_enabled");
        assertThat(rig.bms.settings().isOn(SettingKey.HEATING_ENABLED)).isFalse();
    }

    @Test
    void heatingSwitchedOffStopsTheFilm() {
        Rig rig = coldWithCharger(-5);
        rig.bms.setSwitch(Switch.HEATING, false, "test");
        rig.run(100);
        assertThat(rig.board.heater).isFalse();
    }
}
