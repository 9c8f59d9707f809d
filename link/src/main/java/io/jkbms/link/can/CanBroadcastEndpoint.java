package io.jkbms.link.can;

import io.jkbms.core.settings.CanProtocol;
import io.jkbms.protocol.can.CanBroadcaster;
import io.jkbms.protocol.can.CanFrame;
import io.jkbms.protocol.can.CanMessage;
import io.jkbms.protocol.device.DeviceBackend;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The board's CAN broadcasts on a {@link CanBus}: a {@link CanBroadcaster} polled every {@value #POLL_ms} ms on its
 * own thread, each frame sent as it falls due (the schedule is {@code CanSchedule}'s). {@link #poll} is the one step,
 * for callers with their own clock. A bus that fails stops the broadcast with a logged error.
 */
public final class CanBroadcastEndpoint implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CanBroadcastEndpoint.class.getName());
    public static final long POLL_ms = 5;

    private final CanBus bus;
    private final CanBroadcaster broadcaster;
    private final LongSupplier clock_ms;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread thread;
    private Optional<CanProtocol> inUse = Optional.empty();

    public CanBroadcastEndpoint(CanBus bus, DeviceBackend board, LongSupplier clock_ms) {
        this.bus = bus;
        this.broadcaster = new CanBroadcaster(board);
        this.clock_ms = clock_ms;
        this.thread = new Thread(this::run, "jkbms-can " + bus.describe());
        thread.setDaemon(true);
    }

    public CanBroadcastEndpoint start() {
        thread.start();
        return this;
    }

    /** Sends what is due at {@code now_ms}; returns the frame set in use (empty while the board does not broadcast). */
    public synchronized Optional<CanProtocol> poll(long now_ms) throws IOException {
        List<CanFrame> due = new ArrayList<>(8);
        Optional<CanProtocol> p = broadcaster.poll(now_ms, due::add);
        if (!p.equals(inUse)) {
            inUse = p;
            p.ifPresent(proto -> LOG.log(System.Logger.Level.INFO, bus.describe() + ": broadcasting " + proto
                    + "; the bus must run at " + CanMessage.bitrate(proto) + " bit/s"));
        }
        for (CanFrame f : due) {
            bus.send(f);
        }
        return p;
    }

    private void run() {
        try {
            while (!closed.get()) {
                poll(clock_ms.getAsLong());
                Thread.sleep(POLL_ms);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!closed.get()) {
                LOG.log(System.Logger.Level.ERROR, bus.describe() + ": CAN broadcast stopped: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            thread.interrupt();
            bus.close();
        }
    }
}
