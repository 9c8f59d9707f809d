package io.jkbms.firmware.protection;

/**
 * How a tripped protection releases: when the value is back on the safe side of its own recovery threshold (for a
 * hold time), after a recovery time, or never by itself (auto shutdown: the board is off until woken).
 */
public sealed interface Recovery {

    static Recovery threshold(Threshold level, long hold_ms) {
        return new OnThreshold(level, hold_ms);
    }

    static Recovery after(Delay time) {
        return new AfterTime(time);
    }

    Recovery NEVER = new Never();

    record OnThreshold(Threshold level, long hold_ms) implements Recovery {
    }

    record AfterTime(Delay time) implements Recovery {
    }

    record Never() implements Recovery {
    }
}
