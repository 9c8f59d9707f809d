package io.jkbms.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte stream to or from a board: a TCP connection (a BLE-TCP bridge or an RS485-Ethernet gateway), a serial port,
 * or a BLE characteristic pair. Reads return what has arrived, waiting at most the link's read timeout (then 0 bytes:
 * {@link InputStream#read(byte[], int, int)} returning 0 or {@link java.net.SocketTimeoutException} is normalised by
 * {@link #read}).
 */
public interface Link extends AutoCloseable {
    InputStream in();

    OutputStream out();

    /** Reads what is there, waiting up to the read timeout; returns 0 on timeout, −1 at end of stream. */
    default int read(byte[] buf) throws IOException {
        try {
            return in().read(buf, 0, buf.length);
        } catch (java.net.SocketTimeoutException e) {
            return 0;
        }
    }

    default void write(byte[] data) throws IOException {
        out().write(data);
        out().flush();
    }

    /** For messages: "tcp://127.0.0.1:7000", "serial:/dev/ttyUSB0". */
    String describe();

    @Override
    void close() throws IOException;
}
