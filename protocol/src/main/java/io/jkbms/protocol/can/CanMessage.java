package io.jkbms.protocol.can;

import io.jkbms.core.settings.CanProtocol;

import java.util.Arrays;
import java.util.List;

/**
 * Every frame the board broadcasts, with its identifier, period, phase within the period and data length.
 * JK native (protocols.md §3.1): 250 kbit/s, ID = FUNC &lt;&lt; 8 | 0xF4. The examples there are 8, 6 and 4 bytes long
 * for BATT_ST, CELL_VOLT and ALM_INFO, so every frame carries exactly its defined bytes. Pylontech (§3.2, [UKS]):
 * 500 kbit/s, one cycle per second, 10 ms between frames.
 */
public enum CanMessage {
    JK_BATT_ST(CanProtocol.JK_NATIVE, 0x02F4, 20, 0, 8),
    JK_CELL_VOLT(CanProtocol.JK_NATIVE, 0x04F4, 100, 0, 6),
    JK_CELL_TEMP(CanProtocol.JK_NATIVE, 0x05F4, 100, 0, 5),
    /** Sent only while an alarm is active. */
    JK_ALM_INFO(CanProtocol.JK_NATIVE, 0x07F4, 100, 0, 4),
    PYLON_LIMITS(CanProtocol.PYLONTECH, 0x351, 1000, 0, 8),
    PYLON_SOC(CanProtocol.PYLONTECH, 0x355, 1000, 10, 4),
    PYLON_MEASUREMENTS(CanProtocol.PYLONTECH, 0x356, 1000, 20, 6),
    PYLON_ALARMS(CanProtocol.PYLONTECH, 0x359, 1000, 30, 8),
    PYLON_CHARGE_REQUEST(CanProtocol.PYLONTECH, 0x35C, 1000, 40, 2),
    PYLON_NAME(CanProtocol.PYLONTECH, 0x35E, 1000, 50, 8);

    public static final int JK_NATIVE_BITRATE = 250_000;
    public static final int PYLONTECH_BITRATE = 500_000;

    private final CanProtocol protocol;
    private final int id;
    private final int period_ms;
    private final int phase_ms;
    private final int length;

    CanMessage(CanProtocol protocol, int id, int period_ms, int phase_ms, int length) {
        this.protocol = protocol;
        this.id = id;
        this.period_ms = period_ms;
        this.phase_ms = phase_ms;
        this.length = length;
    }

    public CanProtocol protocol() {
        return protocol;
    }

    public int id() {
        return id;
    }

    public int period_ms() {
        return period_ms;
    }

    /** Offset of the slot within the period. */
    public int phase_ms() {
        return phase_ms;
    }

    /** Data bytes. */
    public int length() {
        return length;
    }

    private static final List<CanMessage> JK = Arrays.stream(values()).filter(m -> m.protocol == CanProtocol.JK_NATIVE).toList();
    private static final List<CanMessage> PYLON = Arrays.stream(values()).filter(m -> m.protocol == CanProtocol.PYLONTECH).toList();

    /** The protocol's messages in frame order (an immutable list). */
    public static List<CanMessage> of(CanProtocol protocol) {
        return protocol == CanProtocol.JK_NATIVE ? JK : PYLON;
    }

    public static int bitrate(CanProtocol protocol) {
        return protocol == CanProtocol.JK_NATIVE ? JK_NATIVE_BITRATE : PYLONTECH_BITRATE;
    }
}
