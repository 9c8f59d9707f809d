package io.jkbms.link.serial;

import com.fazecast.jSerialComm.SerialPort;
import io.jkbms.link.Link;
import io.jkbms.link.LinkException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A serial port (a USB-RS485 or USB-TTL adapter, or one end of a pseudo-terminal pair) as a {@link Link}. 8N1. */
public final class SerialLink implements Link {
    /** The board's GPS/RS485 port speaks 115200 8N1 (protocols.md §2). */
    public static final int JK_BAUD = 115_200;

    private final SerialPort port;
    private final String description;
    private final InputStream in;
    private final OutputStream out;

    private SerialLink(SerialPort port, String description) {
        this.port = port;
        this.description = description;
        this.in = port.getInputStream();
        this.out = port.getOutputStream();
    }

    public static SerialLink open(String device, int baud, int readTimeout_ms) throws LinkException {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(device);
        } catch (RuntimeException e) {
            throw new LinkException("no serial port " + device + ": " + e.getMessage(), e);
        }
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, readTimeout_ms, 0);
        if (!p.openPort()) {
            throw new LinkException("cannot open serial port " + device + " (error " + p.getLastErrorCode()
                    + "): check that it exists and that you may use it (e.g. the dialout group)");
        }
        return new SerialLink(p, "serial:" + device);
    }

    @Override
    public int read(byte[] buf) throws IOException {
        try {
            return in.read(buf, 0, buf.length);
        } catch (com.fazecast.jSerialComm.SerialPortTimeoutException e) {
            return 0;
        }
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
        return description;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
