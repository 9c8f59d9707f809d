package io.jkbms.protocol.can;

import io.jkbms.core.board.BoardFunction;
import io.jkbms.core.settings.CanProtocol;
import io.jkbms.core.settings.CommPortMode;
import io.jkbms.core.settings.Settings;
import io.jkbms.protocol.device.DeviceBackend;
import io.jkbms.protocol.device.DeviceSnapshot;

import java.util.function.Consumer;

/**
 * What the board broadcasts on CAN: only on models with the C function, only while the communication port is in CAN
 * mode (the APP's port-mode switch), in the frame set the settings choose (JK native at 250 kbit/s or the
 * Pylontech-compatible set at 500 kbit/s), each frame at its period ({@link CanSchedule}). Pure: the caller gives the
 * time and takes the frames.
 */
public final class CanBroadcaster {
    private final DeviceBackend board;
    private long start_ms = Long.MIN_VALUE;
    private long last_ms;
    private CanProtocol protocol;

    public CanBroadcaster(DeviceBackend board) {
        this.board = board;
    }

    /** Whether the board sends CAN at all now. */
    public boolean active() {
        return active(board.settings());
    }

    private boolean active(Settings s) {
        return board.model().has(BoardFunction.CAN) && s.commPortMode() == CommPortMode.CAN;
    }

    /** Emits the frames due since the last call; returns the protocol in use (empty when CAN is off). */
    public java.util.Optional<CanProtocol> poll(long now_ms, Consumer<CanFrame> out) {
        Settings s = board.settings();
        if (!active(s)) {
            start_ms = Long.MIN_VALUE;
            return java.util.Optional.empty();
        }
        if (start_ms == Long.MIN_VALUE || s.canProtocol() != protocol) {
            protocol = s.canProtocol();
            start_ms = now_ms;
            last_ms = -1;
        }
        long elapsed = now_ms - start_ms;
        var due = CanSchedule.dueBetween(protocol, last_ms, elapsed);
        last_ms = elapsed;
        if (!due.isEmpty()) {
            // Every frame of one poll from one state of the board; if CAN was switched off or to the other set since
            // the check above, nothing goes out now and the next poll follows the new settings.
            DeviceSnapshot snap = board.snapshot();
            Settings now = snap.settings();
            if (active(now) && now.canProtocol() == protocol) {
                CanOptions o = CanOptions.defaults(now);
                for (CanSchedule.Due d : due) {
                    CanFrames.build(d.message(), snap.telemetry(), now, o).ifPresent(out);
                }
            }
        }
        return java.util.Optional.of(protocol);
    }
}
