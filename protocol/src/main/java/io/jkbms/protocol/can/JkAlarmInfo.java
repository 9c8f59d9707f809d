package io.jkbms.protocol.can;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** JK native 0x07F4 ALM_INFO: a u32 (LE) of 2-bit levels; only the alarms present, with their level. */
public record JkAlarmInfo(Map<JkCanAlarm, JkCanAlarm.Level> levels) implements CanPayload {
    public JkAlarmInfo {
        levels = Collections.unmodifiableMap(levels.isEmpty() ? new EnumMap<>(JkCanAlarm.class) : new EnumMap<>(levels));
    }

    public static final JkAlarmInfo NONE = new JkAlarmInfo(Map.of());

    /** No alarm active: the board sends no ALM_INFO then. */
    public boolean isEmpty() {
        return levels.isEmpty();
    }

    public long bits() {
        long v = 0;
        for (Map.Entry<JkCanAlarm, JkCanAlarm.Level> e : levels.entrySet()) {
            v |= (long) e.getValue().code() << e.getKey().bit();
        }
        return v;
    }

    @Override
    public CanMessage message() {
        return CanMessage.JK_ALM_INFO;
    }

    @Override
    public CanFrame toFrame() {
        long v = bits();
        return new CanFrame(message().id(), new byte[]{(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
    }

    /** Bits 30–31 are undefined and ignored. */
    static JkAlarmInfo decode(CanFrame f) {
        long v = f.u16(0) | (long) f.u16(2) << 16;
        EnumMap<JkCanAlarm, JkCanAlarm.Level> m = new EnumMap<>(JkCanAlarm.class);
        for (JkCanAlarm a : JkCanAlarm.values()) {
            int level = (int) (v >> a.bit()) & 3;
            if (level != 0) {
                m.put(a, JkCanAlarm.Level.values()[level - 1]);
            }
        }
        return new JkAlarmInfo(m);
    }
}
