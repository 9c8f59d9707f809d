package io.jkbms.protocol.uart;

import io.jkbms.core.settings.InvalidSettingsException;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.device.DeviceBackend;
import io.jkbms.protocol.device.DeviceCommand;
import io.jkbms.protocol.device.DeviceIdentity;
import io.jkbms.protocol.device.DeviceSession;
import io.jkbms.protocol.device.DeviceSnapshot;

import java.util.function.Consumer;

/**
 * The board's side of the 4E57 protocol (protocols.md §2): a slave that answers read-all, read-one, password,
 * activate (which also wakes a sleeping board) and writes. A write goes through the firmware's validation whole or not
 * at all; the reply echoes the written identifier and value as the board does, and a refused or unknown write is
 * answered with the board's current value for that identifier, so a client reading the reply sees nothing changed.
 */
public final class UartDeviceSession implements DeviceSession {
    private static final System.Logger LOG = System.getLogger(UartDeviceSession.class.getName());

    /** A partial request older than this is noise or a lost frame: the line is idle, so the rest is not coming. */
    static final long IDLE_GAP_ms = 100;

    private final DeviceBackend board;
    private final Consumer<byte[]> out;
    private final UartReassembler in = new UartReassembler();
    private final java.util.concurrent.atomic.AtomicReference<UartDevice> device;
    private boolean bytesSincePoll;
    private long lastBytes_ms = Long.MIN_VALUE;

    /** The board's 4E57-only parameters (sleep wait, current calibration, ...), shared by all its sessions. */
    public static java.util.concurrent.atomic.AtomicReference<UartDevice> deviceState(DeviceBackend board) {
        return new java.util.concurrent.atomic.AtomicReference<>(initial(board));
    }

    public UartDeviceSession(DeviceBackend board, Consumer<byte[]> out) {
        this(board, deviceState(board), out);
    }

    /** @param device the board's 4E57-only state, shared by all sessions of one board ({@link #deviceState}) */
    public UartDeviceSession(DeviceBackend board, java.util.concurrent.atomic.AtomicReference<UartDevice> device,
                             Consumer<byte[]> out) {
        this.board = board;
        this.out = out;
        this.device = device;
    }

    private static UartDevice initial(DeviceBackend board) {
        // The identity the board reports over JK02 is the one it reports here: date (B5, "YYMM") and versions (B7).
        DeviceIdentity id = board.identity();
        String yymm = id.date().length() >= 4 ? id.date().substring(0, 4) : "0000";
        String sw = id.hardwareVersion() + "_S" + id.softwareVersion();
        sw = sw.length() >= 15 ? sw.substring(0, 15) : sw + "_".repeat(15 - sw.length());
        return UartDevice.forBoard(board.model(), board.settings().userData(), yymm).withSoftwareVersion(sw);
    }

    public UartReassembler.Stats stats() {
        return in.stats();
    }

    @Override
    public void onBytes(byte[] data, int offset, int length) {
        bytesSincePoll = true;
        for (UartFrame f : in.feed(data, offset, length)) {
            if (f.type() == UartFrameType.REPLY) {
                continue; // our own kind: another board on the bus, or an echo
            }
            try {
                handle(UartRequest.decode(f), f);
            } catch (CodecException e) {
                LOG.log(System.Logger.Level.DEBUG, "ignored a malformed 4E57 request: " + e.getMessage());
            }
        }
    }

    private void handle(UartRequest request, UartFrame frame) {
        if (request instanceof UartRequest.ReadAll) {
            DeviceSnapshot snap = board.snapshot();
            send(UartReplies.readAllFrame(snap.telemetry(), snap.settings(), device.get()));
        } else if (request instanceof UartRequest.ReadOne r) {
            DeviceSnapshot snap = board.snapshot();
            send(UartReplies.readOne(r.id(), snap.telemetry(), snap.settings(), device.get()));
        } else if (request instanceof UartRequest.Activate) {
            try {
                board.command(new DeviceCommand.Wake(), "4e57");
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.INFO, "the board refused to wake: " + e.getMessage());
            }
            send(UartReplies.echo(frame));
        } else if (request instanceof UartRequest.Password) {
            send(UartReplies.echo(frame));
        } else if (request instanceof UartRequest.Write w) {
            write(w);
        }
    }

    private void write(UartRequest.Write w) {
        UartWriteAction action = UartWrites.interpret(w.value());
        boolean applied = false;
        try {
            if (action instanceof UartWriteAction.SettingChange c) {
                applied = apply(c.patch());
            } else if (action instanceof UartWriteAction.Command c) {
                applied = command(c);
            } else if (action instanceof UartWriteAction.DeviceParameter p) {
                device.updateAndGet(d -> d.with(p.value()));
                applied = true;
            } else if (action instanceof UartWriteAction.Rejected r) {
                LOG.log(System.Logger.Level.INFO, "refused a 4E57 write: " + r.reason());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "the board refused a 4E57 write: " + e.getMessage());
        }
        UartId id = w.value().id();
        if (applied) {
            send(UartReplies.writeReply(w.value()));
        } else {
            DeviceSnapshot snap = board.snapshot();
            send(UartReplies.writeReply(UartReplies.value(id, snap.telemetry(), snap.settings(), device.get())));
        }
    }

    private boolean apply(SettingsPatch patch) {
        try {
            board.applySettings(patch, "4e57");
            return true;
        } catch (InvalidSettingsException e) {
            LOG.log(System.Logger.Level.INFO, "refused a 4E57 write: " + e.getMessage());
            return false;
        }
    }

    private boolean command(UartWriteAction.Command c) {
        switch (c.kind()) {
            case CHARGE_SWITCH: case DISCHARGE_SWITCH: case BALANCER_SWITCH:
                return apply(c.settingsEffect());
            case FACTORY_RESET:
                board.command(new DeviceCommand.FactoryReset(), "4e57");
                return true;
            case RESTART:
                board.command(new DeviceCommand.Wake(), "4e57");
                return true;
            case START_CURRENT_CALIBRATION:
                if (c.value() == 1) {
                    // 0xAD holds the measured current's magnitude; its direction is the one flowing now.
                    int measured_mA = device.get().currentCalibration_mA();
                    board.command(new DeviceCommand.CalibrateCurrent(
                            board.telemetry().current_mA() < 0 ? -measured_mA : measured_mA), "4e57");
                }
                return true;
            default:
                return false;
        }
    }

    /** A 4E57 board speaks only when asked; polling only drops a partial request the line has gone quiet on. */
    @Override
    public void poll(long now_ms) {
        if (bytesSincePoll) {
            bytesSincePoll = false;
            lastBytes_ms = now_ms;
        } else if (in.buffered() > 0 && now_ms - lastBytes_ms > IDLE_GAP_ms) {
            in.discardPartial();
        }
    }

    private void send(UartFrame frame) {
        out.accept(frame.encode());
    }
}
