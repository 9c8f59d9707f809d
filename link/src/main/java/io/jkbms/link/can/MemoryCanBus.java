package io.jkbms.link.can;

import io.jkbms.link.LinkException;
import io.jkbms.protocol.can.CanFrame;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A CAN bus in memory: nodes {@link Network#attach attached} to one network receive every frame the others send, in
 * order, as on a wire (a node does not receive its own frames, as SocketCAN sockets by default do not). Each node
 * keeps at most {@value #QUEUE_LIMIT} unread frames; older ones are dropped, as an adapter's buffer overflows.
 */
public final class MemoryCanBus implements CanBus {
    static final int QUEUE_LIMIT = 10_000;

    /** The wire the nodes share. */
    public static final class Network {
        private final List<MemoryCanBus> nodes = new CopyOnWriteArrayList<>();

        public MemoryCanBus attach(String name) {
            MemoryCanBus n = new MemoryCanBus(this, name);
            nodes.add(n);
            return n;
        }

        private void deliver(MemoryCanBus from, CanFrame frame) {
            for (MemoryCanBus n : nodes) {
                if (n != from && !n.inbox.offer(frame)) {
                    n.inbox.poll();
                    n.inbox.offer(frame);
                }
            }
        }
    }

    private final Network network;
    private final String name;
    private final LinkedBlockingQueue<CanFrame> inbox = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private volatile boolean closed;

    private MemoryCanBus(Network network, String name) {
        this.network = network;
        this.name = name;
    }

    @Override
    public void send(CanFrame frame) throws IOException {
        if (closed) {
            throw new LinkException(describe() + " is closed");
        }
        network.deliver(this, frame);
    }

    @Override
    public Optional<CanFrame> receive(Duration timeout) throws IOException {
        if (closed) {
            throw new LinkException(describe() + " is closed");
        }
        try {
            return Optional.ofNullable(inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted receiving on " + describe());
        }
    }

    @Override
    public String describe() {
        return "memory:" + name;
    }

    @Override
    public void close() {
        closed = true;
        network.nodes.remove(this);
    }
}
