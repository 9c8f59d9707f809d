package io.jkbms.protocol.uart;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;

import java.util.ArrayList;
import java.util.List;

/**
 * The device side of 4E57: replies built from the board's state. A read-all reply carries every readable identifier
 * in code order, which is the order of the captured reply, and ends with 0xC0.
 * <p>
 * Choices where the reference is silent: a temperature sensor that is not {@code OK} is sent as 0 °C (the wire has no
 * "absent"); status bit 3 ("battery present") is 0, as in the only capture of a board with cells; 0x86 counts the
 * fitted sensors; 0x89 and 0xB9 are whole Ah rounded down, 0xB6 whole minutes; out-of-range values are clamped to
 * what their field carries.
 */
public final class UartReplies {
    private UartReplies() {
    }

    /** The body of a read-all reply. */
    public static UartData readAll(Telemetry t, Settings s, UartDevice d) {
        List<UartValue> out = new ArrayList<>();
        for (UartId id : UartId.values()) {
            if (id.readable()) {
                out.add(value(id, t, s, d));
            }
        }
        return UartData.of(out);
    }

    public static UartFrame readAllFrame(Telemetry t, Settings s, UartDevice d) {
        return UartFrame.reply(UartCommand.READ_ALL, readAll(t, s, d).encode());
    }

    /** The reply to a read-one request (write-only identifiers read as their last written value, or 0). */
    public static UartFrame readOne(UartId id, Telemetry t, Settings s, UartDevice d) {
        return UartFrame.reply(UartCommand.READ_ONE, UartData.of(value(id, t, s, d)).encode());
    }

    /** The reply to a write: its data starts with the written identifier ([EJ] jk_bms.cpp); we follow with the value. */
    public static UartFrame writeReply(UartValue written) {
        return UartFrame.reply(UartCommand.WRITE, UartData.of(written).encode());
    }

    /** Password and activate replies have no capture: we echo the request's body. */
    public static UartFrame echo(UartFrame request) {
        return UartFrame.reply(request.command(), request.body());
    }

    /** One identifier's current value. */
    public static UartValue value(UartId id, Telemetry t, Settings s, UartDevice d) {
        if (id.setting().isPresent()) {
            return num(id, id.rawFromSetting(s.get(id.setting().get())));
        }
        switch (id) {
            case CELL_VOLTAGES: {
                int[] mV = t.cell_mV();
                int n = Math.min(mV.length, UartValue.Cells.MAX_CELLS);
                int[] clamped = new int[n];
                for (int i = 0; i < n; i++) {
                    clamped[i] = Math.max(0, Math.min(0xFFFF, mV[i]));
                }
                return UartValue.cells(clamped);
            }
            case MOS_TEMPERATURE: return temperature(id, t.mosTemperature());
            case T1_TEMPERATURE: return temperature(id, sensor(t, 0));
            case T2_TEMPERATURE: return temperature(id, sensor(t, 1));
            case PACK_VOLTAGE: return num(id, UartId.roundDiv(t.packVoltage_mV(), 10));
            case CURRENT: {
                int v = d.protocolVersion();
                return UartValue.current(UartQuantities.clampCurrent_mA(t.current_mA(), v), v);
            }
            case SOC: return num(id, t.soc_pct());
            case NTC_COUNT:
                return num(id, t.temperatures().stream().filter(r -> r.status() != SensorStatus.ABSENT).count());
            case CYCLES: return num(id, t.cycles());
            case CYCLE_CAPACITY: return num(id, t.cycleCapacity_mAh() / 1000);
            case CELL_COUNT: return num(id, t.cellCount());
            case WARNINGS: return num(id, UartWarning.bits(UartWarning.fromAlarms(t.alarms())));
            case STATUS:
                return num(id, new UartStatus(t.chargeMos(), t.dischargeMos(), t.balancer().active(), false).bits());
            case PACK_OVP: return num(id, UartId.roundDiv((long) s.get(SettingKey.CELL_COUNT) * s.get(SettingKey.CELL_OVP_mV), 10));
            case PACK_UVP: return num(id, UartId.roundDiv((long) s.get(SettingKey.CELL_COUNT) * s.get(SettingKey.CELL_UVP_mV), 10));
            case BOX_OTP: return num(id, d.boxOtp_C());
            case BOX_OTPR: return num(id, d.boxOtpr_C());
            case TEMPERATURE_DELTA: return num(id, d.temperatureDelta_C());
            case CURRENT_CALIBRATION: return num(id, d.currentCalibration_mA());
            case SLEEP_WAIT: return num(id, d.sleepWait_s());
            case PASSWORD: return new UartValue.Text(id, d.password());
            case DEDICATED_CHARGER: return num(id, d.dedicatedCharger() ? 1 : 0);
            case DEVICE_ID: return new UartValue.Text(id, d.deviceId());
            case MANUFACTURE_DATE: return new UartValue.Text(id, d.manufactureDate());
            case RUNTIME: return num(id, t.runtime_s() / 60);
            case SOFTWARE_VERSION: return new UartValue.Text(id, d.softwareVersion());
            case ACTUAL_CAPACITY: return num(id, t.fullCapacity_mAh() / 1000);
            case MANUFACTURER: return new UartValue.Text(id, d.manufacturer());
            case GPS_OFF_VOLTAGE: return num(id, d.gpsOff_mV());
            case GPS_ON_VOLTAGE: return num(id, d.gpsOn_mV());
            case PROTOCOL_VERSION: return num(id, d.protocolVersion());
            default: return num(id, 0); // START_CURRENT_CALIBRATION, RESTART, FACTORY_RESET, UPGRADE: idle
        }
    }

    private static TemperatureReading sensor(Telemetry t, int index) {
        return index < t.temperatures().size() ? t.temperatures().get(index) : TemperatureReading.ABSENT;
    }

    private static UartValue temperature(UartId id, TemperatureReading r) {
        int c = r.valid() ? (int) UartId.roundDiv(r.value_dC(), 10) : 0;
        return UartValue.temperature(id, UartQuantities.clampTemperature_C(c));
    }

    private static UartValue num(UartId id, long raw) {
        return new UartValue.Num(id, id.encoding().clamp(raw));
    }
}
