package io.jkbms.app.device;

import io.jkbms.core.board.BoardFunction;
import io.jkbms.core.board.BoardModel;
import io.jkbms.core.settings.SettingKey;

import java.util.ArrayList;
import java.util.List;

/** Who the board is and how the link to it is doing (the Device page). */
public record DeviceView(String source, boolean online, String reason, String model, String hardwareVersion,
                         String softwareVersion, String serial, String protocol, String layout, long uptime_s,
                         int powerOnCount, List<String> functions, Link link) {
    public DeviceView {
        functions = List.copyOf(functions);
    }

    /** The optional functions (H, C, R) the model has, by name. */
    static List<String> functionsOf(BoardModel model) {
        List<String> out = new ArrayList<>();
        for (BoardFunction f : BoardFunction.values()) {
            if (model.has(f)) {
                out.add(f.name());
            }
        }
        return out;
    }

    /** Whether the model has what the setting needs (heating needs H). */
    static boolean fits(SettingKey key, BoardModel model) {
        return key.requires().map(model::has).orElse(true);
    }

    /** Link diagnostics: frames that decoded, checksum errors, bytes skipped to resync, timeouts, connections made. */
    public record Link(String description, long framesGood, long checksumErrors, long resyncs, long timeouts,
                       long connects) {
    }
}
