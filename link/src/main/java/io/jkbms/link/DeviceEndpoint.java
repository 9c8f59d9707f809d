package io.jkbms.link;

import io.jkbms.protocol.device.DeviceSession;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Serves one device-side session on one link: reads bytes into the session, lets it poll every 10 ms (for what the
 * board sends on its own: the JK02 stream, CAN broadcasts), and writes its replies back. Polling has its own timer:
 * a serial port's read timeout has only 100 ms granularity. Reads and polls reach the session under one lock.
 * Replies go through a bounded queue to a writer thread, so a client that stops reading never blocks the session:
 * when the queue is full, the connection is closed. Runs until the link closes or {@link #close} is called.
 */
public final class DeviceEndpoint implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DeviceEndpoint.class.getName());

    private final Link link;
    private final DeviceSession session;
    private final LongSupplier clock_ms;
    public static final long POLL_ms = 10;
    /** Frames queued for a client before it counts as not reading (a minute and more of the JK02 stream). */
    public static final int OUTBOX_FRAMES = 256;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.concurrent.LinkedBlockingQueue<byte[]> outbox =
            new java.util.concurrent.LinkedBlockingQueue<>(OUTBOX_FRAMES);
    private final Thread thread;
    private final Thread poller;
    private final Thread writer;

    /**
     * @param sessionFactory makes the session from the sink that writes to the link
     */
    public DeviceEndpoint(Link link, Function<java.util.function.Consumer<byte[]>, DeviceSession> sessionFactory,
                          LongSupplier clock_ms) {
        this.link = link;
        this.clock_ms = clock_ms;
        this.session = sessionFactory.apply(bytes -> {
            if (!closed.get() && !outbox.offer(bytes)) {
                LOG.log(System.Logger.Level.WARNING, link.describe() + ": the client is not reading ("
                        + OUTBOX_FRAMES + " frames waiting); closing the connection");
                close();
            }
        });
        this.thread = new Thread(this::serve, "jkbms-endpoint " + link.describe());
        thread.setDaemon(true);
        this.poller = new Thread(this::pollLoop, "jkbms-endpoint-poll " + link.describe());
        poller.setDaemon(true);
        this.writer = new Thread(this::writeLoop, "jkbms-endpoint-write " + link.describe());
        writer.setDaemon(true);
    }

    private void writeLoop() {
        try {
            while (!closed.get()) {
                link.write(outbox.take());
            }
        } catch (InterruptedException e) {
            // closing
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "write to " + link.describe() + " failed: " + e.getMessage());
            close();
        }
    }

    public DeviceEndpoint start() {
        writer.start();
        thread.start();
        if (session.needsPolling()) {
            poller.start();
        }
        return this;
    }

    private void pollLoop() {
        while (!closed.get()) {
            try {
                synchronized (session) {
                    session.poll(clock_ms.getAsLong());
                }
            } catch (RuntimeException e) {
                // A failing poll must not silently end the stream while the connection stays open.
                LOG.log(System.Logger.Level.WARNING, link.describe() + ": session poll failed: " + e, e);
            }
            try {
                Thread.sleep(POLL_ms);
            } catch (InterruptedException e) {
                return;
            }
        }
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
                    try {
                        synchronized (session) {
                            session.onBytes(buf, 0, n);
                        }
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, link.describe() + ": session failed on input: " + e, e);
                    }
                }
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
            poller.interrupt();
            writer.interrupt();
            try {
                link.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + link.describe() + ": " + e.getMessage());
            }
        }
    }
}
