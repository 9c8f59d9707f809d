package io.jkbms.app.cli;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import io.jkbms.protocol.jk02.Jk02CellInfo;
import io.jkbms.protocol.jk02.Jk02Codec;
import io.jkbms.protocol.jk02.Jk02Command;
import io.jkbms.protocol.jk02.Jk02Frame;
import io.jkbms.protocol.jk02.Jk02Layout;
import io.jkbms.protocol.jk02.Jk02Mapping;
import io.jkbms.protocol.uart.UartData;
import io.jkbms.protocol.uart.UartFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jkbms frame decode HEX [--layout 24S|32S]}: one captured frame as JSON, for people debugging captures. */
@Command(name = "frame", mixinStandardHelpOptions = true, description = "Work with captured protocol frames.",
        subcommands = {FrameCommand.Decode.class})
final class FrameCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = {"Decode one frame (hex) and print it as JSON: a JK02 frame (55AAEB90..., 300 or 320 bytes), a "
                    + "JK02 command (AA5590EB..., 20 bytes) or a 4E57 frame (4E57...), detected from its header.",
                    "A JK02 cell-info or settings frame carries no layout flag: give --layout, or the layout is guessed "
                            + "(and the guess is said)."})
    static final class Decode implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "HEX", description = "the frame as hex (spaces and colons allowed)")
        String hex;

        @Option(names = "--layout", description = "JK02 layout: 24S or 32S")
        String layout;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Map<String, Object> json = decode(Hex.parse(hex), layout);
                out.println(Json.MAPPER.writeValueAsString(json));
                out.flush();
                return 0;
            } catch (CodecException | IllegalArgumentException e) {
                err.println("frame decode: " + e.getMessage());
                err.flush();
                return JkbmsCommand.EXIT_INVALID;
            }
        }
    }

    static Map<String, Object> decode(byte[] b, String layoutOption) throws CodecException {
        Map<String, Object> json = new LinkedHashMap<>();
        if (b.length >= 4 && (b[0] & 0xFF) == 0x55 && (b[1] & 0xFF) == 0xAA && (b[2] & 0xFF) == 0xEB && (b[3] & 0xFF) == 0x90) {
            if (b.length > 300 && b.length != 320) {
                throw new CodecException("a JK02 frame is 300 bytes (or 320 with the ACK glued on), not " + b.length);
            }
            byte[] frame = b.length > 300 ? java.util.Arrays.copyOf(b, 300) : b;
            Jk02Layout layout;
            String how;
            if (layoutOption != null) {
                layout = parseLayout(layoutOption);
                how = "given";
            } else if (frame.length > 4 && (frame[4] & 0xFF) == 0x03) {
                layout = Jk02Codec.layoutOf(frame);
                how = "from the software version in the frame";
            } else {
                layout = guess(frame);
                how = "guessed (no layout flag in this frame; give --layout to be sure)";
            }
            Jk02Frame f = Jk02Codec.decode(frame, layout);
            json.put("protocol", "JK02");
            json.put("layout", layout.name());
            json.put("layout_source", how);
            json.put("type", f.getClass().getSimpleName());
            json.put("frame", f);
            if (b.length == 320) {
                byte[] trailer = java.util.Arrays.copyOfRange(b, 300, 320);
                json.put("trailer", java.util.Arrays.equals(trailer, Jk02Command.ACK.encode())
                        ? "ACK glued after byte 299" : "20 bytes after the frame that are not the ACK: " + Hex.of(trailer));
            }
            return json;
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xAA && (b[1] & 0xFF) == 0x55 && (b[2] & 0xFF) == 0x90 && (b[3] & 0xFF) == 0xEB) {
            Jk02Command c = Jk02Command.parse(b);
            Jk02Layout layout = layoutOption == null ? Jk02Layout.JK02_32S : parseLayout(layoutOption);
            json.put("protocol", "JK02 command");
            json.put("register", String.format(Locale.ROOT, "0x%02X", c.register()));
            json.put("length", c.length());
            var request = Jk02Mapping.interpret(c, layout);
            if (request instanceof io.jkbms.protocol.jk02.Jk02Request.ChangeSettings cs) {
                json.put("meaning", "write " + cs.register());
                json.put("settings", cs.patch().toNamedValues());
            } else if (request instanceof io.jkbms.protocol.jk02.Jk02Request.Action a) {
                json.put("meaning", a.register() + " (" + a.register().kind() + ")");
                json.put("value", a.value());
            } else if (request instanceof io.jkbms.protocol.jk02.Jk02Request.Unsupported u) {
                json.put("meaning", "not understood: " + u.reason());
            } else {
                json.put("meaning", request.getClass().getSimpleName());
            }
            return json;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0x4E && (b[1] & 0xFF) == 0x57) {
            UartFrame f = UartFrame.decode(b);
            json.put("protocol", "4E57");
            json.put("command", f.command().name());
            json.put("source", f.source().name());
            json.put("type", f.type().name());
            if (f.body().length > 1) {
                try {
                    UartData d = UartData.parse(f.body());
                    json.put("values", d.values());
                    json.put("summary", Map.of("cells_mV", d.cell_mV(), "pack_mV", d.packVoltage_mV().orElse(-1),
                            "current_mA", d.current_mA().orElse(0), "soc_pct", d.soc_pct().orElse(-1)));
                } catch (CodecException e) {
                    json.put("body", Hex.of(f.body()));
                    json.put("body_note", "a request or write body, not a list of values: " + e.getMessage());
                }
            } else {
                json.put("body", Hex.of(f.body()));
            }
            return json;
        }
        throw new CodecException("not a JK02 frame (55AAEB90), JK02 command (AA5590EB) or 4E57 frame (4E57): starts with "
                + Hex.of(java.util.Arrays.copyOf(b, Math.min(4, b.length))));
    }

    private static Jk02Layout parseLayout(String s) {
        switch (s.toUpperCase(Locale.ROOT).replace("JK02_", "")) {
            case "24S": return Jk02Layout.JK02_24S;
            case "32S": return Jk02Layout.JK02_32S;
            default: throw new IllegalArgumentException("--layout must be 24S or 32S, not '" + s + "'");
        }
    }

    /** Decode both ways and keep the one whose cell count and pack voltage agree (settings: byte 287, as [DSB]). */
    private static Jk02Layout guess(byte[] frame) {
        if (frame.length == 300 && (frame[4] & 0xFF) == 0x01) {
            return (frame[287] & 0xFF) > 0 ? Jk02Layout.JK02_32S : Jk02Layout.JK02_24S;
        }
        Jk02Layout best = Jk02Layout.JK02_32S;
        double bestScore = Double.MAX_VALUE;
        for (Jk02Layout l : Jk02Layout.values()) {
            try {
                if (Jk02Codec.decode(frame, l) instanceof Jk02CellInfo c) {
                    long n = Long.bitCount(c.enabledCellMask());
                    long sum = 0;
                    for (int i = 0; i < n && i < c.cell_mV().size(); i++) {
                        sum += c.cell_mV().get(i);
                    }
                    boolean contiguous = c.enabledCellMask() != 0 && (c.enabledCellMask() & (c.enabledCellMask() + 1)) == 0;
                    double score = (contiguous ? 0 : 1e9) + Math.abs(sum - c.packVoltage_mV());
                    if (score < bestScore) {
                        bestScore = score;
                        best = l;
                    }
                }
            } catch (CodecException e) {
                // this layout does not fit
            }
        }
        return best;
    }
}
