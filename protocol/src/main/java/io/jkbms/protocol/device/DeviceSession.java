package io.jkbms.protocol.device;

/**
 * One device-side protocol session (a board answering a client): bytes in, replies out through the sink it was made
 * with, and {@link #poll} for what the board sends on its own (the JK02 cell-info stream). Pure: no threads, no clock
 * of its own; a transport feeds it.
 */
public interface DeviceSession {
    void onBytes(byte[] data, int offset, int length);

    /** Called regularly (every few tens of ms) with the transport's monotonic time. */
    void poll(long now_ms);

    /** Whether {@link #poll} does anything (a JK02 stream, CAN broadcasts, a timeout); transports skip the timer if not. */
    default boolean needsPolling() {
        return true;
    }
}
