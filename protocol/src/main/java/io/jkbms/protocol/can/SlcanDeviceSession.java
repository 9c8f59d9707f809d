package io.jkbms.protocol.can;

import io.jkbms.core.settings.CanProtocol;
import io.jkbms.protocol.device.DeviceBackend;
import io.jkbms.protocol.device.DeviceSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The board's CAN broadcasts on an slcan serial device (a USB-CAN adapter's text form): sets the adapter's bitrate for
 * the frame set in use and opens the channel, then writes each frame as it falls due. Nothing is read back: on these
 * buses the board only broadcasts.
 */
public final class SlcanDeviceSession implements DeviceSession {
    private final CanBroadcaster broadcaster;
    private final Consumer<byte[]> out;
    /** What the adapter was last set to; null until the first poll, so the first one always configures it. */
    private Optional<CanProtocol> configured = null;

    public SlcanDeviceSession(DeviceBackend board, Consumer<byte[]> out) {
        this.broadcaster = new CanBroadcaster(board);
        this.out = out;
    }

    @Override
    public void onBytes(byte[] data, int offset, int length) {
        // An adapter acknowledges with \r or reports bus errors; the broadcast does not depend on either.
    }

    @Override
    public void poll(long now_ms) {
        List<CanFrame> frames = new ArrayList<>(8);
        Optional<CanProtocol> want = broadcaster.poll(now_ms, frames::add);
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
        for (CanFrame f : frames) {
            out.accept(Slcan.encode(f));
        }
    }
}
