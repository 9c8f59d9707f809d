package io.jkbms.app.device;

import java.util.List;

/** Who the board is and how the link to it is doing (the Device page). */
public record DeviceView(String source, boolean online, String reason, String model, String hardwareVersion,
                         String softwareVersion, String serial, String protocol, String layout, long uptime_s,
                         int powerOnCount, List<String> functions, Link link) {
    public DeviceView {
        functions = List.copyOf(functions);
    }

    /** Link diagnostics: frames that decoded, checksum errors, bytes skipped to resync, timeouts, connections made. */
    public record Link(String description, long framesGood, long checksumErrors, long resyncs, long timeouts,
                       long connects) {
    }
}
