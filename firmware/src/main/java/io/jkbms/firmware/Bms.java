package io.jkbms.firmware;

import io.jkbms.core.board.BoardModel;
import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventListener;
import io.jkbms.core.event.EventType;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.core.settings.Presets;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.core.settings.SettingsValidator;
import io.jkbms.core.settings.Violation;
import io.jkbms.core.telemetry.PowerState;
import io.jkbms.core.telemetry.Telemetry;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.core.time.Clock;
import io.jkbms.firmware.balancing.Balancer;
import io.jkbms.firmware.buzzer.Buzzer;
import io.jkbms.firmware.emergency.Emergency;
import io.jkbms.firmware.heating.Heater;
import io.jkbms.firmware.outputs.DischargePath;
import io.jkbms.firmware.power.PowerManager;
import io.jkbms.firmware.power.WakeSource;
import io.jkbms.firmware.protection.Inputs;
import io.jkbms.firmware.protection.Protection;
import io.jkbms.firmware.protection.ProtectionEngine;
import io.jkbms.firmware.sampling.Calibration;
import io.jkbms.firmware.sampling.Measurements;
import io.jkbms.firmware.sampling.Sampler;
import io.jkbms.firmware.soc.CoulombCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.jkbms.firmware.FirmwareConstants.*;

/**
 * The JK-BD4AxxS-12P firmware. Call {@link #tick()} once per control period ({@link FirmwareConstants#CONTROL_PERIOD_ms});
 * it samples the board, runs the protections, counts charge, balances, heats, manages power and drives the outputs.
 * Commands (settings, switches, emergency, calibration, power) are the APP's. Everything reads time from the injected
 * {@link Clock}, so the same board inputs and commands at the same times always give the same outputs and events.
 * Not thread-safe: run ticks and commands on one thread.
 */
public final class Bms {
    private final Board board;
    private final BoardModel model;
    private final Clock clock;
    private final EventListener events;

    private Settings settings;
    private Calibration calibration = Calibration.NONE;

    private final Measurements measurements;
    private final Sampler sampler = new Sampler();
    private final Inputs inputs = new Inputs();
    private final ProtectionEngine protections;
    private final CoulombCounter soc = new CoulombCounter();
    private final Balancer balancer;
    private final PowerManager power;
    private final Emergency emergency;
    private final Heater heater;
    private final Buzzer buzzer;
    private final DischargePath dischargePath;

    private long lastTick_ms;
    private long runtime_ms;
    private int powerOnCount;
    private long lastWireMeasure_ms;
    private int lastCellCountErrors;
    private long lastGps_ms;
    private long displayOnUntil_ms;
    private boolean chargeMos;
    private boolean booted;

    /**
     * @throws InvalidSettingsException if the initial settings do not suit the board's model
     */
    public Bms(Board board, Clock clock, Settings initial, EventListener events) {
        this.board = board;
        this.model = board.model();
        this.clock = clock;
        this.events = events;
        var check = SettingsValidator.validate(model, initial);
        if (!check.isValid()) {
            throw new InvalidSettingsException(check.errors());
        }
        this.settings = initial;
        long now = clock.now_ms();
        this.measurements = new Measurements(model.maxCells());
        this.protections = new ProtectionEngine(now, events);
        this.balancer = new Balancer(now);
        this.power = new PowerManager(now);
        this.emergency = new Emergency(now);
        this.heater = new Heater(now);
        this.buzzer = new Buzzer(now);
        this.dischargePath = new DischargePath(now);
        this.lastTick_ms = now;
    }

    /** A board with the factory preset for a chemistry. */
    public static Bms withPreset(Board board, Clock clock, io.jkbms.core.board.Chemistry chemistry, EventListener events) {
        return new Bms(board, clock, Presets.forChemistry(chemistry), events);
    }

    // ---- the control loop -------------------------------------------------------------------------------------------

    public void tick() {
        long now = clock.now_ms();
        long dt = Math.max(0, now - lastTick_ms);
        lastTick_ms = now;
        if (!booted) {
            boot(now, WakeSource.POWER_UP, true);
        }
        if (!power.on()) {
            Optional<WakeSource> woke = power.stepOff(now, calibration.applyPack_mV(board.readPackVoltage_mV()),
                    calibration.applyPack_mV(board.readLoadVoltage_mV()), board.buttonPressed(),
                    board.displayWakeRequested(), events);
            if (woke.isEmpty()) {
                return;
            }
            boot(now, woke.get(), power.wasOff());
        }
        runtime_ms += dt;

        sampler.sample(board, settings, calibration, balancer.source(), balancer.destination(), balancer.current_mA(),
                measurements);
        if (measurements.cellCountErrors() != lastCellCountErrors) {
            lastCellCountErrors = measurements.cellCountErrors();
            lastWireMeasure_ms = Long.MIN_VALUE / 2; // the wiring changed: measure the wires again now
        }
        if (now - lastWireMeasure_ms >= WIRE_MEASURE_PERIOD_ms && !balancer.active()) {
            sampler.measureWires(board, measurements);
            lastWireMeasure_ms = now;
        }
        boolean buttonPressed = board.buttonPressed();
        if (buttonPressed || board.displayWakeRequested()) {
            displayOnUntil_ms = now + DISPLAY_ON_ms;
        }
        if (board.gpsMessageReceived()) {
            lastGps_ms = now;
        }

        soc.step(now, dt, measurements.current_mA(), measurements, settings, events);

        fillInputs(now);
        boolean scpWasActive = protections.isActive(Protection.SCP);
        protections.step(now, inputs);
        if (scpWasActive && !protections.isActive(Protection.SCP)) {
            board.clearShortCircuit();
        }

        emergency.step(now, events);
        boolean em = emergency.active();
        heater.step(now, model, settings, measurements, protections.overTemperature(), events);

        PowerState next = power.stepOn(now, measurements, settings, protections.shutdownRequested(),
                protections.state(Protection.POWER_OFF) != ProtectionEngine.State.NORMAL, em, heater.on(), events);
        if (next != PowerState.ON) {
            goDown(now);
            return;
        }

        boolean wantCharge = em || (settings.isOn(SettingKey.CHARGE_ENABLED) && !protections.chargeBlocked(false));
        boolean wantDischarge = em || (settings.isOn(SettingKey.DISCHARGE_ENABLED) && !protections.dischargeBlocked(false));
        wantCharge &= !protections.chargeBlocked(em);
        wantDischarge &= !protections.dischargeBlocked(em);
        chargeMos = wantCharge;
        dischargePath.step(now, wantDischarge, settings.get(SettingKey.PRECHARGE_TIME_s), measurements.pack_mV(),
                measurements.load_mV(), events);
        board.setChargeMos(chargeMos);
        board.setDischargeMos(dischargePath.mosOn());
        board.setPrecharge(dischargePath.precharging());

        balancer.step(now, measurements, settings, !protections.balanceBlocked(), events);
        board.setBalancer(balancer.source(), balancer.destination(), balancer.current_mA());
        board.setHeater(heater.on());
        board.setBuzzer(buzzer.step(now, protections));
        board.setParallelEnable(parallelEnable());
        board.setDisplayPower(settings.isOn(SettingKey.DISPLAY_ALWAYS_ON) || now < displayOnUntil_ms);
    }

    private void fillInputs(long now) {
        inputs.measurements = measurements;
        inputs.settings = settings;
        inputs.shortCircuitLatched = board.shortCircuitTripped();
        inputs.soc_pct = soc.soc_pct();
        inputs.gpsSilence_ms = now - lastGps_ms;
        inputs.parallelFault = board.readParallelStatus() == Board.ParallelStatus.FAULT;
    }

    /** The parallel module may connect the pack while a MOSFET is on, unless it is to be ignored. */
    private boolean parallelEnable() {
        return power.on() && !settings.isOn(SettingKey.PCL_DISABLED) && (chargeMos || dischargePath.mosOn());
    }

    /** @param restart the board was shut down (not asleep): it re-detects its optional sensors as at power-up */
    private void boot(long now, WakeSource source, boolean restart) {
        board.setLowPower(false);
        powerOnCount++;
        if (restart) {
            sampler.reset();
        }
        sampler.sample(board, settings, calibration, 0, 0, 0, measurements);
        sampler.measureWires(board, measurements);
        lastWireMeasure_ms = now;
        lastGps_ms = now;
        if (!booted) {
            soc.initialize(settings, measurements);
            events.onEvent(Event.of(now, EventType.ACTIVATION, Phase.CHANGE, source.words()));
            booted = true;
        }
        fillInputs(now);
        // A restart (from shut-down) starts afresh, but a limit already crossed trips at once; sleep keeps the
        // protections' state, so a protection tripped before the sleep logs its recovery once its condition clears,
        // while a condition only pending must be seen again for its whole delay.
        if (restart) {
            protections.restart(now, inputs);
        } else {
            protections.clearPending(now);
        }
        displayOnUntil_ms = now + DISPLAY_ON_ms;
        board.armShortCircuit(SCP_THRESHOLD_mA, settings.get(SettingKey.SCP_DELAY_us));
    }

    private void goDown(long now) {
        balancer.stop(now, measurements, events, "board " + power.state().name().toLowerCase(java.util.Locale.ROOT));
        heater.stop(now, measurements, events, "board going down");
        emergency.stop(now, events, "board going down");
        chargeMos = false;
        dischargePath.off(now);
        board.setChargeMos(false);
        board.setDischargeMos(false);
        board.setPrecharge(false);
        board.setBalancer(0, 0, 0);
        board.setHeater(false);
        board.setBuzzer(false);
        board.setParallelEnable(false);
        board.setDisplayPower(false);
        board.setLowPower(true);
    }

    // ---- commands (the APP) -----------------------------------------------------------------------------------------

    /**
     * Applies a settings change whole, or refuses it and changes nothing.
     *
     * @param who who asked (for the event log), e.g. "app", "jk02", "cli"
     * @throws InvalidSettingsException naming each field, value and allowed range
     */
    public Settings applySettings(SettingsPatch patch, String who) {
        Settings next = SettingsValidator.apply(model, settings, patch);
        Settings old = settings;
        settings = next;
        long now = clock.now_ms();
        Map<String, Object> before = old.toNamedValues();
        for (Map.Entry<String, Object> e : next.diffFrom(old).toNamedValues().entrySet()) {
            String name = e.getKey();
            Object was = name.startsWith(Settings.WIRE_RESISTANCE + "[")
                    ? old.wireResistance_mOhm(Integer.parseInt(name.substring(name.indexOf('[') + 1, name.length() - 1)))
                    : before.get(name);
            boolean isSwitch = SettingKey.byJsonName(name).map(k -> k.group() == io.jkbms.core.settings.SettingGroup.SWITCHES
                    || k == SettingKey.HEATING_ENABLED).orElse(false);
            events.onEvent(Event.of(now, isSwitch ? EventType.SWITCH : EventType.SETTINGS, Phase.CHANGE,
                    name + ": " + was + " -> " + e.getValue() + " (by " + who + ")"));
        }
        if (old.get(SettingKey.CAPACITY_mAh) != next.get(SettingKey.CAPACITY_mAh)) {
            soc.capacityChanged(next);
        }
        if (old.get(SettingKey.SCP_DELAY_us) != next.get(SettingKey.SCP_DELAY_us) && power.on()) {
            board.armShortCircuit(SCP_THRESHOLD_mA, next.get(SettingKey.SCP_DELAY_us));
        }
        return next;
    }

    /**
     * Turns a control-page switch on or off.
     *
     * @throws io.jkbms.core.board.UnsupportedFunctionException for heating on a model without H
     */
    public void setSwitch(Switch sw, boolean on, String who) {
        sw.requires().ifPresent(model::require);
        applySettings(SettingsPatch.of(sw.key(), on ? 1 : 0), who);
    }

    /** Starts emergency mode for the emergency time (restarting it gives the full time again). */
    public void startEmergency() {
        requireOn("emergency mode");
        emergency.start(clock.now_ms(), settings.get(SettingKey.EMERGENCY_MINUTES), events);
    }

    public void stopEmergency() {
        emergency.stop(clock.now_ms(), events, "switched off");
    }

    /** The APP's "power off". */
    public void powerOff() {
        long now = clock.now_ms();
        power.powerOff(now, events);
        goDown(now);
    }

    /** A wake command (4E57 "activate"); acts at the next tick. */
    public void wake() {
        power.requestWake();
    }

    /** Factory reset: the preset of the current chemistry, keeping the pack's cell count and capacity. */
    public Settings factoryReset(String who) {
        Settings p = Presets.forChemistry(settings.chemistry());
        SettingsPatch.Builder b = SettingsPatch.builder().setAll(p.diffFrom(settings));
        b.set(SettingKey.CELL_COUNT, settings.get(SettingKey.CELL_COUNT));
        b.set(SettingKey.CAPACITY_mAh, settings.get(SettingKey.CAPACITY_mAh));
        events.onEvent(Event.of(clock.now_ms(), EventType.FACTORY_RESET, Phase.CHANGE, "by " + who));
        return applySettings(b.build(), who);
    }

    /** Voltage calibration: the pack voltage the user measured with a meter. */
    public void calibratePackVoltage(int measured_mV) {
        int raw = board.readPackVoltage_mV();
        int gain = gain("pack voltage", measured_mV, raw);
        calibration = calibration.withPackGain(gain);
        calibrationEvent("pack voltage", measured_mV, "mV", raw);
    }

    /** Current calibration: the current the user measured (with current flowing). */
    public void calibrateCurrent(int measured_mA) {
        int raw = board.readCurrent_mA() + calibration.currentOffset_mA();
        if (Math.abs(raw) < 1_000) {
            throw new IllegalArgumentException("current calibration needs at least 1 A flowing; the board reads "
                    + raw + " mA (use zero-current calibration with no current)");
        }
        int gain = gain("current", measured_mA, raw);
        calibration = calibration.withCurrent(gain, calibration.currentOffset_mA());
        calibrationEvent("current", measured_mA, "mA", raw);
    }

    /** Zero-current calibration: with nothing connected, the board's current reading becomes 0. */
    public void zeroCurrent() {
        int raw = board.readCurrent_mA();
        if (Math.abs(raw) > 2_000) {
            throw new IllegalArgumentException("zero-current calibration refused: the board reads " + raw
                    + " mA; disconnect charger and load first (at most 2000 mA of offset can be corrected)");
        }
        calibration = calibration.withCurrent(calibration.currentGain_ppm(), -raw);
        calibrationEvent("current zero", 0, "mA", raw);
    }

    /** Cell calibration: the voltage the user measured on one cell (1-based). */
    public void calibrateCell(int cell, int measured_mV) {
        if (cell < 1 || cell > settings.get(SettingKey.CELL_COUNT)) {
            throw new IllegalArgumentException("cell " + cell + " does not exist: cells 1.." + settings.get(SettingKey.CELL_COUNT));
        }
        if (measured_mV < CELL_MIN_mV || measured_mV > CELL_MAX_mV) {
            throw new IllegalArgumentException("cell " + cell + " measured " + measured_mV
                    + " mV: outside the board's 1000..5000 mV sampling range");
        }
        int[] raw = new int[model.maxCells()];
        board.readCellVoltages_mV(raw);
        int offset = measured_mV - raw[cell - 1];
        if (Math.abs(offset) > 50) {
            throw new IllegalArgumentException("cell " + cell + " calibration refused: the board reads " + raw[cell - 1]
                    + " mV, the meter " + measured_mV + " mV; an offset above 50 mV means a wiring fault, not drift");
        }
        calibration = calibration.withCellOffset(cell, offset);
        calibrationEvent("cell " + cell, measured_mV, "mV", raw[cell - 1]);
    }

    private static int gain(String what, int measured, int raw) {
        if (raw == 0 || Integer.signum(raw) != Integer.signum(measured)) {
            throw new IllegalArgumentException(what + " calibration refused: the board reads " + raw
                    + ", the meter " + measured + " (opposite signs or nothing to scale)");
        }
        long ppm = Math.round((double) measured / raw * Calibration.UNITY_ppm);
        long correction_pct = Math.abs(ppm - Calibration.UNITY_ppm) * 100 / Calibration.UNITY_ppm;
        if (correction_pct > CALIBRATION_MAX_CORRECTION_pct) {
            throw new IllegalArgumentException(what + " calibration refused: the board reads " + raw + ", the meter "
                    + measured + "; that is a " + correction_pct + " % correction, more than the "
                    + CALIBRATION_MAX_CORRECTION_pct + " % a calibration may make");
        }
        return (int) ppm;
    }

    private void calibrationEvent(String what, long measured, String unit, int raw) {
        events.onEvent(new Event(clock.now_ms(), EventType.CALIBRATION, Phase.CHANGE, Event.NO_CELL, measured, unit,
                what + " calibrated: board read " + raw + " " + unit));
    }

    private void requireOn(String what) {
        if (!power.on()) {
            throw new IllegalStateException(what + " needs the board running; it is " + power.state());
        }
    }

    // ---- state ------------------------------------------------------------------------------------------------------

    public BoardModel model() {
        return model;
    }

    public Settings settings() {
        return settings;
    }

    public Calibration calibration() {
        return calibration;
    }

    public PowerState powerState() {
        return power.state();
    }

    public boolean emergencyActive() {
        return emergency.active();
    }

    public ProtectionEngine protections() {
        return protections;
    }

    /** The current measurements (live, reused: read on the firmware thread only). */
    public Measurements measurements() {
        return measurements;
    }

    public CoulombCounter soc() {
        return soc;
    }

    public boolean chargeMos() {
        return chargeMos;
    }

    public boolean dischargeMos() {
        return dischargePath.mosOn();
    }

    public boolean balancing() {
        return balancer.active();
    }

    public boolean heating() {
        return heater.on();
    }

    public boolean buzzerOn() {
        return buzzer.on();
    }

    public io.jkbms.firmware.buzzer.BuzzerPattern buzzerPattern() {
        return buzzer.pattern();
    }

    /** A snapshot of everything the APP shows (allocates; for the APP and protocols, not every tick). */
    public Telemetry telemetry() {
        long now = clock.now_ms();
        Measurements m = measurements;
        int n = Math.min(settings.get(SettingKey.CELL_COUNT), m.channels());
        int[] cells = new int[n];
        int[] wires = new int[n];
        for (int i = 0; i < n; i++) {
            cells[i] = m.cell_mV(i + 1);
            wires[i] = m.wireResistance_mOhm(i + 1);
        }
        List<TemperatureReading> temps = new ArrayList<>();
        for (int ch = 1; ch < Measurements.TEMPERATURE_CHANNELS; ch++) {
            temps.add(reading(ch));
        }
        boolean on = power.on();
        return new Telemetry(now, runtime_ms / 1000, power.state(), m.pack_mV(), on ? m.current_mA() : 0,
                on ? (long) m.pack_mV() * m.current_mA() / 1000 : 0, soc.soc_pct(), soc.remaining_mAh(), soc.full_mAh(),
                soc.nominal_mAh(), soc.cycles(), soc.cycleCapacity_mAh(), soc.soh_pct(), cells, wires,
                m.maxCell(), m.minCell(), m.average_mV(), m.delta_mV(), reading(0), temps, chargeMos,
                dischargePath.mosOn(), dischargePath.precharging(), balancer.status(), heater.on(),
                heater.on() ? BoardModel.HEATING_CURRENT_mA : 0, emergency.active(), emergency.remaining_s(now),
                buzzer.on(), parallelEnable(), powerOnCount, protections.alarms());
    }

    private TemperatureReading reading(int ch) {
        var st = measurements.sensorStatus(ch);
        return st == io.jkbms.core.telemetry.SensorStatus.ABSENT ? TemperatureReading.ABSENT
                : new TemperatureReading(st, measurements.temperature_dC(ch));
    }

    /** The warnings the current settings carry (advice that did not block them). */
    public List<Violation> settingsWarnings() {
        return SettingsValidator.validate(model, settings).warnings();
    }
}
