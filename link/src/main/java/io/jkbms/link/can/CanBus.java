package io.jkbms.link.can;

import io.jkbms.protocol.can.CanFrame;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A CAN bus the twin sends on (or a client listens to): classic 11-bit data frames. Implementations: SocketCAN
 * ({@link SocketCanBus}, Linux, via javacan) and a bus in memory ({@link MemoryCanBus}). The bitrate is the bus's
 * own (an interface's, set with {@code ip link}), not the caller's. Frames the model cannot hold (extended ids,
 * remote and error frames) are skipped on receive.
 */
public interface CanBus extends AutoCloseable {
    void send(CanFrame frame) throws IOException;

    /** The next frame from the bus, waiting at most {@code timeout}; empty if none came. */
    Optional<CanFrame> receive(Duration timeout) throws IOException;

    /** For messages: "socketcan:can0", "memory:inverter". */
    String describe();

    @Override
    void close() throws IOException;
}
