package io.jkbms.link.client;

import io.jkbms.link.Link;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A link to a board played by a function: every flushed write is handed to {@code board}, and what it returns is
 * what the client reads next. {@link #inject} puts bytes on the line as if they had arrived earlier.
 */
final class ScriptedLink implements Link {
    private final Function<byte[], List<byte[]>> board;
    private final LinkedBlockingQueue<byte[]> line = new LinkedBlockingQueue<>();
    final List<byte[]> written = new ArrayList<>();
    private byte[] current = new byte[0];
    private int pos;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    ScriptedLink(Function<byte[], List<byte[]>> board) {
        this.board = board;
    }

    void inject(byte[] bytes) {
        line.add(bytes.clone());
    }

    private final InputStream in = new InputStream() {
        @Override
        public int read() {
            byte[] b = new byte[1];
            return read(b, 0, 1) <= 0 ? -1 : b[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == current.length) {
                try {
                    byte[] next = line.poll(10, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        return 0;
                    }
                    current = next;
                    pos = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            int n = current.length - pos;
            for (byte[] b : line) {
                n += b.length;
            }
            return n;
        }
    };

    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void flush() {
            byte[] data = pending.toByteArray();
            pending.reset();
            written.add(data);
            board.apply(data).forEach(line::add);
        }
    };

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
        return "scripted";
    }

    @Override
    public void close() throws IOException {
        line.clear();
    }
}
