package io.jkbms.protocol.can;

import io.jkbms.core.settings.CanProtocol;
import io.jkbms.protocol.device.DeviceBackend;
import io.jkbms.protocol.device.DeviceSession;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The board's CAN broadcasts on an slcan serial device (a USB-CAN adapter's text form): sets the adapter's bitrate for
 * the frame set in use and opens the channel, then writes each frame as it falls due. Nothing is read back: on these
 * buses the board only broadcasts.
 */
public final class SlcanDeviceSession implements DeviceSession {
    private final DeviceBackend board;
    private final CanBroadcaster broadcaster;
    private final Consumer<byte[]> out;
    /** What the adapter was last set to; null until the first poll, so the first one always configures it. */
    private Optional<CanProtocol> configured = null;

    public SlcanDeviceSession(DeviceBackend board, Consumer<byte[]> out) {
        this.board = board;
        this.broadcaster = new CanBroadcaster(board);
        this.out = out;
    }

    @Override
    public void onBytes(byte[] data, int offset, int length) {
        // An adapter acknowledges with \r or reports bus errors; the broadcast does not depend on either.
    }

    @Override
    public void poll(long now_ms) {
        Optional<CanProtocol> want = broadcaster.active() ? Optional.of(board.settings().canProtocol()) : Optional.empty();
        if (configured == null ? want.isPresent() : !want.equals(configured)) {
            // Adapters take a bitrate only while closed, and may still be open from an earlier run: always close
            // first; then set the frame set's bitrate (JK native 250 kbit/s, Pylontech 500 kbit/s) and open. When CAN
            // goes off, the channel is closed.
            out.accept(Slcan.CLOSE);
            if (want.isPresent()) {
                out.accept(Slcan.bitrate(CanMessage.bitrate(want.get())));
                out.accept(Slcan.OPEN);
            }
        }
        configured = want;
        broadcaster.poll(now_ms, f -> out.accept(Slcan.encode(f)));
    }
}
