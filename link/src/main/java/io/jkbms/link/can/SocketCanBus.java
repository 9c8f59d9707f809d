package io.jkbms.link.can;

import io.jkbms.link.LinkException;
import io.jkbms.protocol.can.CanFrame;
import tel.schich.javacan.CanChannels;
import tel.schich.javacan.CanSocketOptions;
import tel.schich.javacan.NetworkDevice;
import tel.schich.javacan.RawCanChannel;
import tel.schich.javacan.platform.linux.LinuxNativeOperationException;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A Linux SocketCAN interface (a USB-CAN adapter's can0, or vcan0) through javacan's raw channel. The interface must be
 * up at the bitrate of the frame set in use ({@code ip link set can0 up type can bitrate 250000} for JK native,
 * 500000 for Pylontech): a socket cannot set it. Blocking reads with the receive timeout as a socket option.
 */
public final class SocketCanBus implements CanBus {
    private final String iface;
    private final RawCanChannel channel;
    private Duration receiveTimeout = Duration.ZERO;

    private SocketCanBus(String iface, RawCanChannel channel) {
        this.iface = iface;
        this.channel = channel;
    }

    /** @throws LinkException naming the interface when it does not exist, is down, or SocketCAN is unavailable */
    public static SocketCanBus open(String iface) throws LinkException {
        RawCanChannel ch = null;
        try {
            ch = CanChannels.newRawChannel();
            ch.bind(NetworkDevice.lookup(iface));
            return new SocketCanBus(iface, ch);
        } catch (IOException | LinkageError | RuntimeException e) {
            // LinkageError: javacan's native part is missing for this platform (x86_64 only is bundled).
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new LinkException("cannot open socketcan:" + iface + ": " + e.getMessage()
                    + " (a CAN interface, e.g. can0 of a USB-CAN adapter or vcan0 after `modprobe vcan`, must exist)", e);
        }
    }

    @Override
    public void send(CanFrame frame) throws IOException {
        try {
            channel.write(tel.schich.javacan.CanFrame.create(frame.id(), tel.schich.javacan.CanFrame.FD_NO_FLAGS,
                    frame.data()));
        } catch (IOException e) {
            throw new LinkException(describe() + ": cannot send " + frame + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<CanFrame> receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Duration wait = Duration.ofNanos(Math.max(left, 1_000_000));
            if (!wait.equals(receiveTimeout)) {
                channel.setOption(CanSocketOptions.SO_RCVTIMEO, wait);
                receiveTimeout = wait;
            }
            tel.schich.javacan.CanFrame f;
            try {
                f = channel.read();
            } catch (LinuxNativeOperationException e) {
                if (e.mayTryAgain()) {
                    return Optional.empty(); // the receive timeout ran out
                }
                throw new LinkException(describe() + ": " + e.getMessage(), e);
            }
            if (f.isExtended() || f.isRemoteTransmissionRequest() || f.getDataLength() > CanFrame.MAX_DATA) {
                continue; // not a classic 11-bit data frame: not for this model
            }
            byte[] data = new byte[f.getDataLength()];
            f.getData(data, 0, data.length);
            return Optional.of(new CanFrame(f.getId(), data));
        }
    }

    @Override
    public String describe() {
        return "socketcan:" + iface;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
