package io.jkbms.protocol.jk02;

import io.jkbms.core.settings.CommPortMode;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.jkbms.protocol.jk02.Jk02Settings.Extra32S.*;

/**
 * Between core's types and JK02 frames and commands. The device side builds frames from {@link Telemetry} and
 * {@link Settings} and interprets received commands; the client side turns a settings frame into a
 * {@link SettingsPatch} and a setting change into commands.
 * <p>
 * Frames are built from valid core values; a value outside its wire field (which valid settings and physical
 * telemetry never produce) is clamped to the field so the stream keeps flowing.
 */
public final class Jk02Mapping {
    /**
     * A balance wire at or above this resistance sets its bit in the warning mask: the firmware's wire-resistance
     * alarm threshold (docs/firmware.md, row WIRE_RESISTANCE).
     */
    public static final int WIRE_WARNING_mOhm = 1_000;

    private Jk02Mapping() {
    }

    // ---- device side: frames from core ----

    /**
     * The cell-info frame for a snapshot. Choices where core and JK02 differ:
     * <ul>
     *   <li>a temperature whose sensor is not OK (absent, open, shorted) is sent as {@link Jk02CellInfo#NO_SENSOR_dC},
     *       the protocol's only "no reading"; the presence mask marks every sensor that is fitted (not ABSENT);</li>
     *   <li>the balancer has no direction in core: an active one is reported as 1 ("charging balancer") with its
     *       current;</li>
     *   <li>nominal capacity is the aged (full) capacity on 32S (firmware ≥ 11 sends that, protocols.md §5.5) and the
     *       nominal one on 24S;</li>
     *   <li>unknown bytes: 24S 168–169 get {@link Jk02CellInfo#UNKNOWN_168_DEFAULT}; user alarm, release timers, log
     *       count, charge status and dry contacts are 0 (core does not model them).</li>
     * </ul>
     */
    public static Jk02CellInfo cellInfo(Telemetry t, Settings s, Jk02Layout layout, int counter) {
        int n = t.cellCount();
        if (n > layout.cellSlots()) {
            throw new IllegalArgumentException(n + " cells do not fit the " + layout.cellSlots() + " slots of " + layout);
        }
        int[] cells = t.cell_mV();
        int[] wires = t.wireResistance_mOhm();
        List<Integer> mv = new ArrayList<>(n);
        List<Integer> res = new ArrayList<>(n);
        long warn = 0;
        for (int i = 0; i < n; i++) {
            mv.add(clamp(cells[i], 0, 0xFFFF));
            int w = i < wires.length ? wires[i] : 0;
            res.add(clamp(w, 0, 0xFFFF));
            if (w >= WIRE_WARNING_mOhm) {
                warn |= 1L << i;
            }
        }
        List<TemperatureReading> temps = t.temperatures();
        boolean is32 = layout == Jk02Layout.JK02_32S;
        int externals = is32 ? 5 : 2;
        int sensorMask = t.mosTemperature().status() != SensorStatus.ABSENT ? 1 : 0;
        for (int i = 0; i < Math.min(externals, temps.size()); i++) {
            if (temps.get(i).status() != SensorStatus.ABSENT) {
                sensorMask |= 1 << (i + 1);
            }
        }
        boolean balancing = t.balancer().active();
        Jk02CellInfo.Builder b = Jk02CellInfo.builder(layout)
                .counter(counter)
                .cell_mV(mv)
                .enabledCellMask(n == 0 ? 0 : -1L >>> (64 - n))
                .average_mV(clamp(t.average_mV(), 0, 0xFFFF))
                .delta_mV(clamp(t.delta_mV(), 0, 0xFFFF))
                .maxCellIndex(clamp(t.maxCell() - 1, 0, 0xFF))
                .minCellIndex(clamp(t.minCell() - 1, 0, 0xFF))
                .cellResistance_mOhm(res)
                .mosTemperature_dC(temperature(t.mosTemperature()))
                .wireResistanceWarningMask(warn)
                .packVoltage_mV(clampU32(t.packVoltage_mV()))
                .power_mW(clampU32(Math.abs(t.power_mW())))
                .current_mA(t.current_mA())
                .t1_dC(temperature(temps, 0))
                .t2_dC(temperature(temps, 1))
                .errors(Jk02ErrorBit.errors(t.alarms(), layout))
                .balanceCurrent_mA(balancing ? clamp(t.balancer().current_mA(), Short.MIN_VALUE, Short.MAX_VALUE) : 0)
                .balancing(balancing ? 1 : 0)
                .soc_pct(clamp(t.soc_pct(), 0, 0xFF))
                .remaining_mAh(clampU32(t.remaining_mAh()))
                .nominalCapacity_mAh(clampU32(is32 ? t.fullCapacity_mAh() : t.nominalCapacity_mAh()))
                .cycles(clampU32(t.cycles()))
                .cycleCapacity_mAh(clampU32(t.cycleCapacity_mAh()))
                .soh_pct(clamp(t.soh_pct(), 0, 0xFF))
                .precharge(t.precharging() ? 1 : 0)
                .runtime_s(clampU32(t.runtime_s()))
                .chargeMos(t.chargeMos() ? 1 : 0)
                .dischargeMos(t.dischargeMos() ? 1 : 0)
                .temperatureSensorMask(sensorMask);
        if (is32) {
            b.only32S(new Jk02CellInfo.Extra32S(t.precharging() ? 1 : 0, balancing ? 1 : 0,
                    Collections.nCopies(Jk02CellInfo.RELEASE_TIMERS, 0), t.heating() ? 1 : 0,
                    t.emergency() ? clamp(t.emergencyRemaining_s(), 0, 0xFFFF) : 0,
                    clamp(t.heatingCurrent_mA(), Short.MIN_VALUE, Short.MAX_VALUE),
                    temperature(temps, 2), temperature(temps, 3), temperature(temps, 4), 0,
                    s.chemistry().jkCode(), 0, 0, 0));
        }
        return b.build();
    }

    /** The settings frame for a complete set of settings; channels 25..32 of a 32S frame have no core value (0). */
    public static Jk02Settings settingsFrame(Settings s, Jk02Layout layout, int counter) {
        Jk02Settings.Builder b = Jk02Settings.builder(layout).counter(counter);
        for (Jk02Register r : Jk02Register.settingsFrameRegisters()) {
            int v = s.get(r.settingKey().orElseThrow());
            b.set(r, r.signed() ? v : Math.max(0, v));
        }
        b.scpDelay_us(Math.max(0, s.get(SettingKey.SCP_DELAY_us)));
        b.balanceStart_mV(Math.max(0, s.get(SettingKey.BALANCE_START_mV)));
        for (int ch = 1; ch <= Math.min(Settings.WIRE_CHANNELS, layout.cellSlots()); ch++) {
            b.wireResistance_mOhm(ch, Math.max(0, s.wireResistance_mOhm(ch)));
        }
        if (layout == Jk02Layout.JK02_32S) {
            int bits = bit(s, SettingKey.HEATING_ENABLED, CONTROL_HEATING)
                    | bit(s, SettingKey.TEMP_SENSORS_DISABLED, CONTROL_DISABLE_TEMP_SENSORS)
                    | bit(s, SettingKey.GPS_HEARTBEAT, CONTROL_GPS_HEARTBEAT)
                    | (s.commPortMode() == CommPortMode.RS485 ? 1 << CONTROL_RS485 : 0)
                    | bit(s, SettingKey.DISPLAY_ALWAYS_ON, CONTROL_DISPLAY_ON)
                    | bit(s, SettingKey.SLEEP_ENABLED, CONTROL_SMART_SLEEP)
                    | bit(s, SettingKey.PCL_DISABLED, CONTROL_DISABLE_PCL)
                    | bit(s, SettingKey.DOCP2_ENABLED, CONTROL_DOCP2)
                    | bit(s, SettingKey.DOCP3_ENABLED, CONTROL_DOCP3)
                    | bit(s, SettingKey.GPS_LOCK_CHARGE, CONTROL_GPS_LOCK_CHARGE)
                    | bit(s, SettingKey.GPS_LOCK_DISCHARGE, CONTROL_GPS_LOCK_DISCHARGE);
            b.only32S(new Jk02Settings.Extra32S(Math.max(0, s.get(SettingKey.DEVICE_ADDRESS)),
                    Math.max(0, s.get(SettingKey.PRECHARGE_TIME_s)), bits,
                    wholeDegrees(s.get(SettingKey.HEATING_START_dC)), wholeDegrees(s.get(SettingKey.HEATING_STOP_dC)),
                    clamp(s.get(SettingKey.SLEEP_DELAY_h), 0, 0xFF),
                    wholeDegrees(s.get(SettingKey.DISCHARGE_UTP_dC)), wholeDegrees(s.get(SettingKey.DISCHARGE_UTPR_dC))));
        }
        return b.build();
    }

    /**
     * The device-info frame: the identity's texts, uptime and power-on count from the snapshot, user data and (32S)
     * RCV/RFV times from the settings. The inverter protocol numbers (32S 184/185) are undocumented and sent as 0.
     */
    public static Jk02DeviceInfo deviceInfo(Jk02DeviceIdentity id, Telemetry t, Settings s, Jk02Layout layout,
                                            int counter) {
        String user = s.userData().length() > Jk02DeviceInfo.USER_DATA_LEN
                ? s.userData().substring(0, Jk02DeviceInfo.USER_DATA_LEN) : s.userData();
        Optional<Jk02DeviceInfo.Extra32S> extra = layout == Jk02Layout.JK02_32S
                ? Optional.of(new Jk02DeviceInfo.Extra32S(0, 0, clamp(s.get(SettingKey.RCV_TIME_dh), 0, 0xFF),
                clamp(s.get(SettingKey.RFV_TIME_dh), 0, 0xFF)))
                : Optional.empty();
        return new Jk02DeviceInfo(layout, counter, id.model(), id.hardwareVersion(), id.softwareVersion(),
                clampU32(t.runtime_s()), clampU32(t.powerOnCount()), id.name(), id.blePasscode(), id.manufactureDate(),
                id.serialNumber(), id.passcode(), user, id.setupPasscode(), extra);
    }

    // ---- client side: core values from a settings frame ----

    /**
     * Every core setting a settings frame carries, in core units: registers 0x01..0x20, SCP delay, balance start, the
     * wire resistances of channels 1..24 (core has no more; 32S channels 25..32 are left out) and, on 32S, address,
     * precharge time, the control bits that core holds, heating start/stop, sleep delay and discharge UTP/UTPR (whole
     * °C × 10). Not validated: apply it with {@code SettingsValidator.apply}. Values beyond int saturate, so the
     * validator refuses them rather than seeing a wrapped number.
     */
    public static SettingsPatch patch(Jk02Settings f) {
        SettingsPatch.Builder b = SettingsPatch.builder();
        for (Jk02Register r : Jk02Register.settingsFrameRegisters()) {
            b.set(r.settingKey().orElseThrow(), r.toCore(f.value(r)));
        }
        b.set(SettingKey.SCP_DELAY_us, Le.saturate(f.scpDelay_us()));
        b.set(SettingKey.BALANCE_START_mV, Le.saturate(f.balanceStart_mV()));
        for (int ch = 1; ch <= Math.min(Settings.WIRE_CHANNELS, f.wireResistance_mOhm().size()); ch++) {
            b.wireResistance(ch, Le.saturate(f.wireResistance_mOhm().get(ch - 1)));
        }
        f.only32S().ifPresent(e -> {
            b.set(SettingKey.DEVICE_ADDRESS, Le.saturate(e.address()));
            b.set(SettingKey.PRECHARGE_TIME_s, Le.saturate(e.prechargeTime_s()));
            b.set(SettingKey.HEATING_ENABLED, e.control(CONTROL_HEATING));
            b.set(SettingKey.TEMP_SENSORS_DISABLED, e.control(CONTROL_DISABLE_TEMP_SENSORS));
            b.set(SettingKey.GPS_HEARTBEAT, e.control(CONTROL_GPS_HEARTBEAT));
            b.set(SettingKey.COMM_PORT_MODE,
                    (e.control(CONTROL_RS485) ? CommPortMode.RS485 : CommPortMode.CAN).ordinal());
            b.set(SettingKey.DISPLAY_ALWAYS_ON, e.control(CONTROL_DISPLAY_ON));
            b.set(SettingKey.SLEEP_ENABLED, e.control(CONTROL_SMART_SLEEP));
            b.set(SettingKey.PCL_DISABLED, e.control(CONTROL_DISABLE_PCL));
            b.set(SettingKey.DOCP2_ENABLED, e.control(CONTROL_DOCP2));
            b.set(SettingKey.DOCP3_ENABLED, e.control(CONTROL_DOCP3));
            b.set(SettingKey.GPS_LOCK_CHARGE, e.control(CONTROL_GPS_LOCK_CHARGE));
            b.set(SettingKey.GPS_LOCK_DISCHARGE, e.control(CONTROL_GPS_LOCK_DISCHARGE));
            b.set(SettingKey.HEATING_START_dC, Jk02Register.HEATING_START.toCore(e.heatingStart_C()));
            b.set(SettingKey.HEATING_STOP_dC, Jk02Register.HEATING_STOP.toCore(e.heatingStop_C()));
            b.set(SettingKey.SLEEP_DELAY_h, e.sleepDelay_h());
            b.set(SettingKey.DISCHARGE_UTP_dC, Jk02Register.DISCHARGE_UTP.toCore(e.dischargeUtp_C()));
            b.set(SettingKey.DISCHARGE_UTPR_dC, Jk02Register.DISCHARGE_UTPR.toCore(e.dischargeUtpr_C()));
        });
        return b.build();
    }

    // ---- client side: commands for a change ----

    /**
     * The command that writes one core setting, with the register's scale; empty if JK02 has no register for the key
     * on this layout (e.g. cell OVP delay, DOCP II current, CAN protocol: 4E57 or the APP's other pages set those).
     *
     * @throws IllegalArgumentException if the value is not representable (e.g. 5.5 °C on a whole-°C register)
     */
    public static Optional<Jk02Command> writeCommand(SettingKey key, int value, Jk02Layout layout) {
        return Jk02Register.forSetting(key, layout).map(r -> Jk02Command.write(r, layout, r.toWire(value)));
    }

    /** The commands for a patch, and the names of what JK02 cannot write on this layout. */
    public record PatchCommands(List<Jk02Command> commands, List<String> notWritable) {
        public PatchCommands {
            commands = List.copyOf(commands);
            notWritable = List.copyOf(notWritable);
        }
    }

    /** Commands for every field of a patch that JK02 can write on the layout, in table order. */
    public static PatchCommands commands(SettingsPatch patch, Jk02Layout layout) {
        List<Jk02Command> cmds = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (Map.Entry<SettingKey, Integer> e : patch.values().entrySet()) {
            Optional<Jk02Command> c = writeCommand(e.getKey(), e.getValue(), layout);
            if (c.isPresent()) {
                cmds.add(c.get());
            } else {
                not.add(e.getKey().jsonName());
            }
        }
        for (Map.Entry<Integer, Integer> w : patch.wireResistance_mOhm().entrySet()) {
            if (Jk02Register.WIRE_RESISTANCE.existsOn(layout)) {
                cmds.add(Jk02Command.write(Jk02Register.WIRE_RESISTANCE, layout, w.getKey(), w.getValue()));
            } else {
                not.add(Settings.WIRE_RESISTANCE + "[" + w.getKey() + "]");
            }
        }
        patch.userData().ifPresent(u -> cmds.add(Jk02Command.userData(u)));
        return new PatchCommands(cmds, not);
    }

    // ---- device side: what a received command asks ----

    /**
     * What a received command asks, on the layout the twin speaks. A numeric value is read from the bytes the command
     * says it carries (1..4, sign-extended for signed registers), even if the table's length differs: some 32S lengths
     * are inferred, and reading what was sent is the safe side.
     */
    public static Jk02Request interpret(Jk02Command c, Jk02Layout layout) {
        if (c.isAck()) {
            return new Jk02Request.Unsupported(c, "an ACK is the BMS's own reply, not a request");
        }
        if (c.register() == Jk02Command.READ_DEVICE_INFO) {
            return new Jk02Request.ReadDeviceInfo();
        }
        if (c.register() == Jk02Command.READ_SETTINGS) {
            return new Jk02Request.ReadSettings();
        }
        Optional<Jk02Register.Target> target = Jk02Register.lookup(layout, c.register());
        if (target.isEmpty()) {
            return new Jk02Request.Unsupported(c, String.format("register 0x%02X is not a %s write register",
                    c.register(), layout));
        }
        Jk02Register r = target.get().register();
        switch (r.kind()) {
            case USER_DATA:
                return new Jk02Request.ChangeSettings(r, SettingsPatch.builder().userData(c.text()).build());
            case SHUTDOWN: case RESTART: case FACTORY_RESET: case LOGBOOK:
                return new Jk02Request.Action(r, 0);
            default:
                break;
        }
        if (c.length() < 1 || c.length() > 4) {
            return new Jk02Request.Unsupported(c, String.format("register 0x%02X (%s) needs a 1..4-byte value, got %d bytes",
                    c.register(), r, c.length()));
        }
        long v = r.signed() ? c.signedValue() : c.unsignedValue();
        switch (r.kind()) {
            case SETTING:
                return new Jk02Request.ChangeSettings(r, SettingsPatch.of(r.settingKey().orElseThrow(), r.toCore(v)));
            case WIRE_RESISTANCE:
                return new Jk02Request.ChangeSettings(r, SettingsPatch.builder()
                        .wireResistance(target.get().channel(), Le.saturate(v)).build());
            default:
                return new Jk02Request.Action(r, v);
        }
    }

    // ---- helpers ----

    private static int temperature(TemperatureReading r) {
        return r.valid() && r.value_dC() != Jk02CellInfo.NO_SENSOR_dC
                ? clamp(r.value_dC(), Short.MIN_VALUE, Short.MAX_VALUE) : Jk02CellInfo.NO_SENSOR_dC;
    }

    private static int temperature(List<TemperatureReading> temps, int i) {
        return i < temps.size() ? temperature(temps.get(i)) : Jk02CellInfo.NO_SENSOR_dC;
    }

    /** 0.1 °C to the whole °C of the 32S int8 fields, rounded half away from zero. */
    private static int wholeDegrees(int dC) {
        return clamp((int) Math.signum(dC) * ((Math.abs(dC) + 5) / 10), Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    private static int bit(Settings s, SettingKey key, int bit) {
        return s.isOn(key) ? 1 << bit : 0;
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    private static long clampU32(long v) {
        return Math.max(0, Math.min(0xFFFF_FFFFL, v));
    }
}
