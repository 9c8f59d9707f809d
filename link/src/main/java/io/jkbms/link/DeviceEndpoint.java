package io.jkbms.link;

import io.jkbms.protocol.device.DeviceSession;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Serves one device-side session on one link: reads bytes into the session, lets it poll (for what the board streams on
 * its own), and writes its replies back. Runs on its own thread until the link closes or {@link #close} is called.
 */
public final class DeviceEndpoint implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DeviceEndpoint.class.getName());

    private final Link link;
    private final DeviceSession session;
    private final LongSupplier clock_ms;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread thread;

    /**
     * @param sessionFactory makes the session from the sink that writes to the link
     */
    public DeviceEndpoint(Link link, Function<java.util.function.Consumer<byte[]>, DeviceSession> sessionFactory,
                          LongSupplier clock_ms) {
        this.link = link;
        this.clock_ms = clock_ms;
        this.session = sessionFactory.apply(bytes -> {
            try {
                link.write(bytes);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "write to " + link.describe() + " failed: " + e.getMessage());
                close();
            }
        });
        this.thread = new Thread(this::serve, "jkbms-endpoint " + link.describe());
        thread.setDaemon(true);
    }

    public DeviceEndpoint start() {
        thread.start();
        return this;
    }

    private void serve() {
        byte[] buf = new byte[1024];
        try {
            while (!closed.get()) {
                int n = link.read(buf);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    session.onBytes(buf, 0, n);
                }
                session.poll(clock_ms.getAsLong());
            }
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.log(System.Logger.Level.DEBUG, link.describe() + " closed: " + e.getMessage());
            }
        } finally {
            close();
        }
    }

    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                link.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + link.describe() + ": " + e.getMessage());
            }
        }
    }
}
