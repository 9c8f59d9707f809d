package io.jkbms.link.ble;

import io.jkbms.link.Link;
import io.jkbms.link.LinkException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BleGatt} as a byte stream: notifications are queued and read in order (a notification may be read in parts);
 * what is written is sent as one GATT write per flush. Reads wait at most the read timeout. When the GATT reports the
 * connection lost, reads return what had arrived, then fail with a {@link LinkException} saying why, as do writes.
 */
public final class BleLink implements Link {
    /** Notifications kept while nobody reads: a few seconds of JK02 traffic; older ones are dropped, like a real stack. */
    private static final int QUEUE_LIMIT = 1_000;

    private final BleGatt gatt;
    private final long readTimeout_ms;
    private final LinkedBlockingQueue<byte[]> notifications = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private byte[] current = new byte[0];
    private int pos;
    private volatile boolean closed;
    /** Why the GATT connection is gone, once it is; reads drain what came before, then fail with it. */
    private volatile String lost;
    private final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return BleLink.this.read(b, off, len);
        }
    };
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (lost != null) {
                pending.reset();
                throw new LinkException(describe() + ": " + lost);
            }
            if (pending.size() > 0) {
                byte[] data = pending.toByteArray();
                pending.reset();
                gatt.write(data);
            }
        }
    };

    public BleLink(BleGatt gatt, long readTimeout_ms) {
        this.gatt = gatt;
        this.readTimeout_ms = readTimeout_ms;
        gatt.onNotification(n -> {
            if (!notifications.offer(n.clone())) {
                notifications.poll();
                notifications.offer(n.clone());
            }
        });
        gatt.onDisconnect(reason -> lost = reason);
    }

    private int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            return -1;
        }
        if (pos == current.length) {
            byte[] next;
            try {
                next = notifications.poll(readTimeout_ms, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted reading " + describe());
            }
            if (next == null) {
                if (lost != null && notifications.isEmpty()) {
                    throw new LinkException(describe() + ": " + lost);
                }
                return 0;
            }
            current = next;
            pos = 0;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int read(byte[] buf) throws IOException {
        return read(buf, 0, buf.length);
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public String describe() {
        return gatt.describe();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        gatt.close();
    }
}
