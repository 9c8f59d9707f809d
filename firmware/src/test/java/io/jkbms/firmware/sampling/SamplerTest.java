package io.jkbms.firmware.sampling;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.firmware.Rig;
import io.jkbms.firmware.ScriptedBoard;
import io.jkbms.core.board.Chemistry;
import io.jkbms.core.settings.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SamplerTest {

    @Test
    void cellsAcrossTheOneToFiveVoltRangeAreReportedAsRead() {
        Rig rig = Rig.lfp16();
        rig.board.cell(1, 1000).cell(2, 5000).cell(3, 3333);
        rig.run(100);
        Measurements m = rig.bms.measurements();
        assertThat(m.cell_mV(1)).isEqualTo(1000);
        assertThat(m.cell_mV(2)).isEqualTo(5000);
        assertThat(m.cell_mV(3)).isEqualTo(3333);
        assertThat(m.connectedCells()).isEqualTo(16);
        assertThat(m.maxCell()).isEqualTo(2);
        assertThat(m.minCell()).isEqualTo(1);
        assertThat(m.delta_mV()).isEqualTo(4000);
    }

    @Test
    void aChannelOneMillivoltOutsideTheRangeIsNoCell() {
        Rig rig = Rig.lfp16();
        rig.board.cell(5, 999);
        rig.run(100);
        assertThat(rig.bms.measurements().connectedCells()).isEqualTo(15);
        rig.board.cell(5, 5001);
        rig.run(100);
        assertThat(rig.bms.measurements().connectedCells()).isEqualTo(15);
        rig.board.cell(5, 3300);
        rig.run(100);
        assertThat(rig.bms.measurements().connectedCells()).isEqualTo(16);
    }

    @Test
    void averageAndTelemetryCoverOnlyTheConfiguredCells() {
        Rig rig = Rig.lfp16();
        rig.board.cell(16, 3316);
        rig.run(100);
        Telemetry t = rig.bms.telemetry();
        assertThat(t.cellCount()).isEqualTo(16);
        assertThat(t.average_mV()).isEqualTo(3300 + 1); // 16 mV extra over 16 cells
        assertThat(t.maxCell()).isEqualTo(16);
        assertThat(t.max_mV()).isEqualTo(3316);
    }

    @Test
    void temperaturesAreDecodedFromTheNtcAndOptionalSensorsAbsentFromPowerUpShowNa() {
        Rig rig = Rig.lfp16();
        rig.board.setTemperatures_C(31.5, -12.0, 45.0);
        rig.run(100);
        Telemetry t = rig.bms.telemetry();
        assertThat(t.mosTemperature().value_dC()).isBetween(314, 316);
        assertThat(t.temperatures().get(0).value_dC()).isBetween(-121, -119);
        assertThat(t.temperatures().get(1).value_dC()).isBetween(449, 451);
        assertThat(t.temperatures().get(2).status()).isEqualTo(SensorStatus.ABSENT);
        assertThat(t.temperatures().get(2).text()).isEqualTo("NA");
        assertThat(t.temperatures().get(3).text()).isEqualTo("NA");
        assertThat(rig.bms.measurements().maxBattery_dC()).isBetween(449, 451);
        assertThat(rig.bms.measurements().minBattery_dC()).isBetween(-121, -119);
    }

    @Test
    void anOptionalSensorPluggedInWhileRunningIsUsed() {
        Rig rig = Rig.lfp16();
        rig.board.temperature_C(3, 40);
        rig.run(100);
        assertThat(rig.bms.measurements().sensorStatus(3)).isEqualTo(SensorStatus.OK);
        assertThat(rig.bms.measurements().maxBattery_dC()).isBetween(399, 401);
    }

    @Test
    void openAndShortedSensorsAreReported() {
        Rig rig = Rig.lfp16();
        rig.board.sensorOpen(1).sensorShorted(2);
        rig.run(100);
        Measurements m = rig.bms.measurements();
        assertThat(m.sensorStatus(1)).isEqualTo(SensorStatus.OPEN);
        assertThat(m.sensorStatus(2)).isEqualTo(SensorStatus.SHORTED);
        assertThat(m.sensorFaults()).isEqualTo(2);
        assertThat(m.maxBattery_dC()).isEqualTo(Measurements.NO_TEMPERATURE_MAX);
        assertThat(rig.bms.telemetry().temperatures().get(0).text()).isEqualTo("open");
    }

    @Test
    void disabledExternalSensorsAreIgnored() {
        Rig rig = Rig.lfp16();
        rig.set(SettingKey.TEMP_SENSORS_DISABLED, 1);
        rig.board.sensorOpen(1).temperature_C(2, 80);
        rig.run(100);
        Measurements m = rig.bms.measurements();
        assertThat(m.sensorFaults()).isZero();
        assertThat(m.maxBattery_dC()).isEqualTo(Measurements.NO_TEMPERATURE_MAX);
    }

    @Test
    void packVoltageCalibrationScalesThePackReading() {
        Rig rig = Rig.lfp16();
        rig.board.pack(52_800);
        rig.bms.calibratePackVoltage(53_000);
        rig.run(100);
        assertThat(rig.bms.measurements().pack_mV()).isEqualTo(53_000);
        rig.board.pack(26_400);
        rig.run(100);
        assertThat(rig.bms.measurements().pack_mV()).isEqualTo(26_500);
    }

    @Test
    void currentCalibrationCorrectsOffsetThenGain() {
        Rig rig = Rig.lfp16();
        rig.board.current(150);
        rig.bms.zeroCurrent();
        rig.run(100);
        assertThat(rig.bms.measurements().current_mA()).isZero();
        rig.board.current(20_150); // 20 A through a shunt that reads 2 % high after the offset
        rig.bms.calibrateCurrent(19_608);
        rig.run(100);
        assertThat(rig.bms.measurements().current_mA()).isEqualTo(19_608);
        rig.board.current(-9_850);
        rig.run(100);
        assertThat(rig.bms.measurements().current_mA()).isBetween(-9_806, -9_802);
    }

    @Test
    void cellCalibrationAddsAnOffsetToOneChannel() {
        Rig rig = Rig.lfp16();
        rig.bms.calibrateCell(7, 3305);
        rig.run(100);
        assertThat(rig.bms.measurements().cell_mV(7)).isEqualTo(3305);
        assertThat(rig.bms.measurements().cell_mV(6)).isEqualTo(3300);
    }

    @Test
    void implausibleCalibrationsAreRefusedWithTheReasonAndChangeNothing() {
        Rig rig = Rig.lfp16();
        rig.board.pack(52_800);
        Calibration before = rig.bms.calibration();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rig.bms.calibratePackVoltage(60_000))
                .hasMessageContaining("pack voltage").hasMessageContaining("13 %");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rig.bms.calibrateCurrent(5_000))
                .hasMessageContaining("at least 1 A");
        rig.board.current(3_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rig.bms.zeroCurrent())
                .hasMessageContaining("3000 mA");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rig.bms.calibrateCell(17, 3300))
                .hasMessageContaining("cell 17");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rig.bms.calibrateCell(1, 3400))
                .hasMessageContaining("wiring fault");
        assertThat(rig.bms.calibration()).isEqualTo(before);
    }

    @Test
    void balanceWireDropIsCompensatedWithTheMeasuredWireResistance() {
        ScriptedBoard board = ScriptedBoard.lfp16("JK-BD4A24S-12P");
        board.wire(3, 50).wire(9, 25).cell(3, 3350).cell(9, 3280);
        Rig rig = new Rig(board, Presets.forChemistry(Chemistry.LFP));
        rig.run(1_000);
        assertThat(rig.bms.balancing()).isTrue();
        assertThat(board.balanceSource).isEqualTo(3);
        assertThat(board.balanceDestination).isEqualTo(9);
        // The ADC reads cell 3 20 mV low and cell 9 10 mV high (400 mA x 50 / 25 mOhm); the firmware adds it back.
        int[] raw = new int[24];
        board.readCellVoltages_mV(raw);
        assertThat(raw[2]).isEqualTo(3330);
        assertThat(raw[8]).isEqualTo(3290);
        rig.run(100);
        assertThat(rig.bms.measurements().cell_mV(3)).isEqualTo(3350);
        assertThat(rig.bms.measurements().cell_mV(9)).isEqualTo(3280);
    }

    @Test
    void aWireResistanceSetInTheAppOverridesTheMeasuredOne() {
        ScriptedBoard board = ScriptedBoard.lfp16("JK-BD4A24S-12P");
        board.wire(3, 50).cell(3, 3350).cell(9, 3280);
        Rig rig = new Rig(board, Presets.forChemistry(Chemistry.LFP).with(
                io.jkbms.core.settings.SettingsPatch.builder().wireResistance(3, 75).build()));
        rig.run(1_100);
        // Board drop 20 mV (50 mOhm); compensation 30 mV (the 75 mOhm the user entered).
        assertThat(rig.bms.measurements().cell_mV(3)).isEqualTo(3360);
    }
}
