package io.jkbms.firmware.protection;

import io.jkbms.core.event.Event;
import io.jkbms.core.event.EventListener;
import io.jkbms.core.event.Phase;
import io.jkbms.core.settings.Settings;
import io.jkbms.core.telemetry.Alarm;
import io.jkbms.firmware.fsm.StateMachine;

import java.util.EnumSet;
import java.util.Set;

/**
 * Runs every row of {@link Protection} through one state machine:
 * <pre>
 *   NORMAL --beyond threshold--> PENDING --held for delay--> TRIPPED --recovery condition--> RECOVERING --held--> NORMAL
 *            ^----- back inside ------'                        ^------- beyond recovery again ----'
 * </pre>
 * Time-based recoveries go from TRIPPED straight to NORMAL when their time has passed. A row switched off by its
 * setting releases at once. Allocation happens only when an event is raised.
 */
public final class ProtectionEngine {
    public enum State { NORMAL, PENDING, TRIPPED, RECOVERING }

    private static final Protection[] ROWS = Protection.values();

    private final StateMachine<State>[] machines;
    private final int[] tripValue;
    private final EventListener listener;
    private long activeAlarms;
    private boolean chargeBlocked;
    private boolean dischargeBlocked;
    private boolean chargeBlockedBeyondEmergency;
    private boolean dischargeBlockedBeyondEmergency;
    private boolean balanceBlocked;
    private boolean shutdownRequested;

    @SuppressWarnings("unchecked")
    public ProtectionEngine(long now_ms, EventListener listener) {
        this.listener = listener;
        machines = new StateMachine[ROWS.length];
        tripValue = new int[ROWS.length];
        for (int i = 0; i < ROWS.length; i++) {
            machines[i] = new StateMachine<>(State.NORMAL, now_ms);
        }
    }

    /** Releases every protection without events, as at power-up. */
    public void reset(long now_ms) {
        for (StateMachine<State> m : machines) {
            m.go(State.NORMAL, now_ms);
        }
        summarize();
    }

    /**
     * A restart: every protection starts afresh, except that a limit already beyond its threshold (a pack still under
     * its under-voltage limit, a MOSFET still hot) trips at once rather than after its delay, so the MOSFETs never
     * close on it. Rows released by time (over-current, short circuit) and auto shutdown (released only by a wake)
     * start normal: their cause is gone with the current.
     */
    public void restart(long now_ms, Inputs in) {
        reset(now_ms);
        for (int i = 0; i < ROWS.length; i++) {
            Protection p = ROWS[i];
            if (!(p.recovery() instanceof Recovery.OnThreshold) || !enabled(p, in.settings) || !p.quantity().available(in)) {
                continue;
            }
            int value = p.quantity().read(in);
            if (p.compare().beyond(value, p.threshold().value(in.settings))) {
                trip(p, machines[i], i, now_ms, in, value);
            }
        }
        summarize();
    }

    /** A wake from sleep: a condition seen before the sleep must be seen again for its whole delay. */
    public void clearPending(long now_ms) {
        for (StateMachine<State> m : machines) {
            if (m.is(State.PENDING)) {
                m.go(State.NORMAL, now_ms);
            }
        }
    }

    private static boolean enabled(Protection p, Settings s) {
        return (p.enabledBy().isEmpty() || s.isOn(p.enabledBy().get()))
                && (p.disabledBy().isEmpty() || !s.isOn(p.disabledBy().get()));
    }

    /** A charge, discharge or MOSFET over-temperature protection is active. */
    public boolean overTemperature() {
        return alarmActive(Alarm.CHARGE_OTP) || alarmActive(Alarm.DISCHARGE_OTP) || alarmActive(Alarm.MOS_OTP);
    }

    public void step(long now_ms, Inputs in) {
        Settings s = in.settings;
        for (int i = 0; i < ROWS.length; i++) {
            Protection p = ROWS[i];
            StateMachine<State> m = machines[i];
            if (!enabled(p, s)) {
                if (isActive(m)) {
                    release(p, m, now_ms, in, "switched off");
                } else {
                    m.go(State.NORMAL, now_ms);
                }
                continue;
            }
            if (!p.quantity().available(in)) {
                continue; // no reading: hold the state as it is
            }
            int value = p.quantity().read(in);
            boolean beyond = p.compare().beyond(value, p.threshold().value(s));
            switch (m.state()) {
                case NORMAL:
                    if (beyond) {
                        m.go(State.PENDING, now_ms);
                        if (p.delay().ms(s) <= 0) {
                            trip(p, m, i, now_ms, in, value);
                        }
                    }
                    break;
                case PENDING:
                    if (!beyond) {
                        m.go(State.NORMAL, now_ms);
                    } else if (m.elapsed_ms(now_ms) >= p.delay().ms(s)) {
                        trip(p, m, i, now_ms, in, value);
                    }
                    break;
                case TRIPPED:
                    stepTripped(p, m, now_ms, in, value);
                    break;
                case RECOVERING:
                    Recovery.OnThreshold r = (Recovery.OnThreshold) p.recovery();
                    if (!p.compare().recovered(value, r.level().value(s))) {
                        m.go(State.TRIPPED, now_ms);
                    } else if (m.elapsed_ms(now_ms) >= r.hold_ms()) {
                        release(p, m, now_ms, in, "");
                    }
                    break;
                default:
                    throw new IllegalStateException();
            }
        }
        summarize();
    }

    private void stepTripped(Protection p, StateMachine<State> m, long now_ms, Inputs in, int value) {
        Recovery r = p.recovery();
        if (r instanceof Recovery.OnThreshold t) {
            if (p.compare().recovered(value, t.level().value(in.settings))) {
                m.go(State.RECOVERING, now_ms);
                if (t.hold_ms() <= 0) {
                    release(p, m, now_ms, in, "");
                }
            }
        } else if (r instanceof Recovery.AfterTime a) {
            if (m.elapsed_ms(now_ms) >= a.time().ms(in.settings)) {
                release(p, m, now_ms, in, "recovery time over");
            }
        }
        // Recovery.Never: stays tripped until reset().
    }

    private void trip(Protection p, StateMachine<State> m, int i, long now_ms, Inputs in, int value) {
        m.go(State.TRIPPED, now_ms);
        tripValue[i] = value;
        listener.onEvent(new Event(now_ms, p.eventType(), Phase.TRIP, p.quantity().cell(in), value, p.quantity().unit(),
                p.alarm().words() + "; threshold " + p.threshold().value(in.settings) + " " + p.quantity().unit()
                        + " -> " + p.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
    }

    private void release(Protection p, StateMachine<State> m, long now_ms, Inputs in, String why) {
        m.go(State.NORMAL, now_ms);
        int value = p.quantity().read(in);
        listener.onEvent(new Event(now_ms, p.eventType(), Phase.RECOVER, p.quantity().cell(in), value,
                p.quantity().unit(), why));
    }

    private static boolean isActive(StateMachine<State> m) {
        return m.is(State.TRIPPED) || m.is(State.RECOVERING);
    }

    private void summarize() {
        long alarms = 0;
        boolean charge = false;
        boolean discharge = false;
        boolean chargeHard = false;
        boolean dischargeHard = false;
        boolean balance = false;
        boolean shutdown = false;
        for (int i = 0; i < ROWS.length; i++) {
            if (!isActive(machines[i])) {
                continue;
            }
            Protection p = ROWS[i];
            alarms |= 1L << p.alarm().ordinal();
            Action a = p.action();
            charge |= a.blocksCharge();
            discharge |= a.blocksDischarge();
            if (!p.emergencyOverrides()) {
                chargeHard |= a.blocksCharge();
                dischargeHard |= a.blocksDischarge();
            }
            balance |= a == Action.BALANCE_OFF || a == Action.BOTH_OFF || a == Action.SHUTDOWN;
            shutdown |= a == Action.SHUTDOWN;
        }
        activeAlarms = alarms;
        chargeBlocked = charge;
        dischargeBlocked = discharge;
        chargeBlockedBeyondEmergency = chargeHard;
        dischargeBlockedBeyondEmergency = dischargeHard;
        balanceBlocked = balance;
        shutdownRequested = shutdown;
    }

    public State state(Protection p) {
        return machines[p.ordinal()].state();
    }

    /** Tripped or recovering: its alarm shows and its action holds. */
    public boolean isActive(Protection p) {
        return isActive(machines[p.ordinal()]);
    }

    public int tripValue(Protection p) {
        return tripValue[p.ordinal()];
    }

    public boolean chargeBlocked(boolean emergency) {
        return emergency ? chargeBlockedBeyondEmergency : chargeBlocked;
    }

    public boolean dischargeBlocked(boolean emergency) {
        return emergency ? dischargeBlockedBeyondEmergency : dischargeBlocked;
    }

    public boolean balanceBlocked() {
        return balanceBlocked;
    }

    public boolean shutdownRequested() {
        return shutdownRequested;
    }

    public boolean alarmActive(Alarm a) {
        return (activeAlarms & (1L << a.ordinal())) != 0;
    }

    /** The active alarms (allocates: for telemetry, not the control loop). */
    public Set<Alarm> alarms() {
        EnumSet<Alarm> set = EnumSet.noneOf(Alarm.class);
        for (Alarm a : Alarm.values()) {
            if (alarmActive(a)) {
                set.add(a);
            }
        }
        return set;
    }
}
