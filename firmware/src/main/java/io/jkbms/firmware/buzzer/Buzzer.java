package io.jkbms.firmware.buzzer;

import io.jkbms.core.telemetry.Alarm;
import io.jkbms.firmware.fsm.StateMachine;
import io.jkbms.firmware.protection.ProtectionEngine;

/** Chooses the buzzer pattern from the active alarms and plays it; a new pattern starts from its beginning. */
public final class Buzzer {
    private final StateMachine<BuzzerPattern> fsm;
    private boolean on;

    public Buzzer(long now_ms) {
        fsm = new StateMachine<>(BuzzerPattern.SILENT, now_ms);
    }

    public boolean step(long now_ms, ProtectionEngine p) {
        BuzzerPattern want = p.overTemperature() ? BuzzerPattern.OVER_TEMPERATURE
                : p.alarmActive(Alarm.CELL_UVP) || p.alarmActive(Alarm.POWER_OFF) ? BuzzerPattern.OVER_DISCHARGE
                : p.alarmActive(Alarm.CELL_OVP) ? BuzzerPattern.OVER_CHARGE
                : BuzzerPattern.SILENT;
        fsm.go(want, now_ms);
        on = want.soundsAt(fsm.elapsed_ms(now_ms));
        return on;
    }

    public BuzzerPattern pattern() {
        return fsm.state();
    }

    public boolean on() {
        return on;
    }
}
