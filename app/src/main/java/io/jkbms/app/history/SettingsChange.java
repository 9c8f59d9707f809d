package io.jkbms.app.history;

import java.util.List;

/** The settings as they changed at one moment: each key's old and new value (old is null for the first snapshot). */
public record SettingsChange(long time_ms, String who, List<Diff> changes) {
    public SettingsChange {
        changes = List.copyOf(changes);
    }

    public record Diff(String key, Object old, Object now) {
        /** JSON calls it "new" (a Java keyword). */
        @com.fasterxml.jackson.annotation.JsonProperty("new")
        public Object now() {
            return now;
        }
    }
}
