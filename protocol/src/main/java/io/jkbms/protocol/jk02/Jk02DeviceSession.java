package io.jkbms.protocol.jk02;

import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.device.DeviceBackend;
import io.jkbms.protocol.device.DeviceCommand;
import io.jkbms.protocol.device.DeviceIdentity;
import io.jkbms.protocol.device.DeviceSession;
import io.jkbms.protocol.device.DeviceSnapshot;

import java.util.function.Consumer;

/**
 * The board's side of a JK02 session (protocols.md §1.2), as a real board answers:
 * <ul>
 *   <li>0x97 → device-info frame, then the ACK;</li>
 *   <li>0x96 → settings frame, then the ACK; from then on a cell-info frame every 0.5 s, its counter (byte 5) going
 *       up by one each time and wrapping at 0xFF; settings and device frames repeat the current counter;</li>
 *   <li>a write → applied through the firmware's validation, whole or not at all, then the ACK. A refused write changes
 *       nothing, so the next settings frame shows the old value (how a real board refuses is not known; a client
 *       confirms by reading back).</li>
 * </ul>
 * Random padding in commands is ignored, as the board does for the official app.
 */
public final class Jk02DeviceSession implements DeviceSession {
    /** Cell-info stream period (about 0.5 s on recent hardware, protocols.md §1.2). */
    public static final long STREAM_PERIOD_ms = 500;
    private static final System.Logger LOG = System.getLogger(Jk02DeviceSession.class.getName());

    private final DeviceBackend board;
    private final Jk02Layout layout;
    private final Consumer<byte[]> out;
    private final Jk02Reassembler in = Jk02Reassembler.commands();
    private int counter;
    private boolean streaming;
    private long nextCell_ms = Long.MIN_VALUE;

    public Jk02DeviceSession(DeviceBackend board, Consumer<byte[]> out) {
        this.board = board;
        this.out = out;
        this.layout = Jk02Layout.forSoftwareVersion(board.identity().softwareVersion());
    }

    public Jk02Layout layout() {
        return layout;
    }

    public Jk02LinkStats stats() {
        return in.stats();
    }

    @Override
    public void onBytes(byte[] data, int offset, int length) {
        byte[] chunk = offset == 0 && length == data.length ? data : java.util.Arrays.copyOfRange(data, offset, offset + length);
        for (Jk02Reassembler.Received r : in.feed(chunk)) {
            try {
                handle(Jk02Mapping.interpret(Jk02Command.parse(r.bytes()), layout));
            } catch (CodecException e) {
                LOG.log(System.Logger.Level.DEBUG, "ignored a malformed command: " + e.getMessage());
            }
        }
    }

    private void handle(Jk02Request request) {
        if (request instanceof Jk02Request.ReadDeviceInfo) {
            send(Jk02Codec.encode(deviceInfo(), layout, counter));
            ack();
        } else if (request instanceof Jk02Request.ReadSettings) {
            send(Jk02Codec.encode(Jk02Mapping.settingsFrame(board.settings(), layout, counter), layout, counter));
            ack();
            streaming = true;
        } else if (request instanceof Jk02Request.ChangeSettings c) {
            try {
                board.applySettings(c.patch(), "jk02");
            } catch (InvalidSettingsException e) {
                LOG.log(System.Logger.Level.INFO, "refused a JK02 write: " + e.getMessage());
            }
            ack();
        } else if (request instanceof Jk02Request.Action a) {
            act(a);
            ack();
        } else if (request instanceof Jk02Request.Unsupported u) {
            LOG.log(System.Logger.Level.DEBUG, "unsupported JK02 command: " + u.reason());
        }
    }

    private void act(Jk02Request.Action a) {
        DeviceCommand command;
        switch (a.register().kind()) {
            case EMERGENCY:
                command = new DeviceCommand.Emergency(a.value() != 0);
                break;
            case SHUTDOWN:
                command = new DeviceCommand.PowerOff();
                break;
            case FACTORY_RESET:
                command = new DeviceCommand.FactoryReset();
                break;
            case CALIBRATION:
                command = a.register() == Jk02Register.VOLTAGE_CALIBRATION
                        ? new DeviceCommand.CalibratePackVoltage((int) a.value())
                        : new DeviceCommand.CalibrateCurrent((int) a.value());
                break;
            default:
                // Switches the twin's firmware does not hold (timed data, float mode, ...), restart, logbook.
                LOG.log(System.Logger.Level.DEBUG, "JK02 " + a.register() + " acknowledged without effect");
                return;
        }
        try {
            board.command(command, "jk02");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "the board refused " + command + ": " + e.getMessage());
        }
    }

    @Override
    public void poll(long now_ms) {
        if (!streaming || now_ms < nextCell_ms) {
            return;
        }
        nextCell_ms = nextCell_ms == Long.MIN_VALUE || now_ms - nextCell_ms > STREAM_PERIOD_ms
                ? now_ms + STREAM_PERIOD_ms : nextCell_ms + STREAM_PERIOD_ms;
        DeviceSnapshot snap = board.snapshot();
        // As captured (03/74, 01/74, 02/74, 02/75): a cell frame carries the current counter, then it moves on.
        send(Jk02Codec.encode(Jk02Mapping.cellInfo(snap.telemetry(), snap.settings(), layout, counter), layout, counter));
        counter = (counter + 1) & 0xFF;
    }

    private Jk02DeviceInfo deviceInfo() {
        DeviceIdentity id = board.identity();
        Jk02DeviceIdentity jid = new Jk02DeviceIdentity(fit(id.model(), Jk02DeviceInfo.MODEL_LEN),
                fit(id.hardwareVersion(), Jk02DeviceInfo.HARDWARE_LEN), fit(id.softwareVersion(), Jk02DeviceInfo.SOFTWARE_LEN),
                fit(id.name(), Jk02DeviceInfo.NAME_LEN), fit(id.passcode(), Jk02DeviceInfo.BLE_PASSCODE_LEN),
                fit(id.date(), Jk02DeviceInfo.DATE_LEN), fit(id.serial(), Jk02DeviceInfo.SERIAL_LEN),
                fit(id.passcode(), Jk02DeviceInfo.PASSCODE_LEN), "");
        DeviceSnapshot snap = board.snapshot();
        return Jk02Mapping.deviceInfo(jid, snap.telemetry(), snap.settings(), layout, counter);
    }

    private static String fit(String s, int len) {
        return s.length() <= len ? s : s.substring(0, len);
    }

    private void ack() {
        send(Jk02Command.ACK.encode());
    }

    private void send(byte[] frame) {
        out.accept(frame);
    }
}
