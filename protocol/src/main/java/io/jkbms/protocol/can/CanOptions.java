package io.jkbms.protocol.can;

import io.jkbms.core.settings.Settings;

/**
 * What the broadcast needs beyond telemetry and settings: the Pylontech manufacturer name, the module count of 0x359
 * and the current limits of 0x351 (the application updates these as its charge policy decides).
 */
public record CanOptions(PylonName pylonName, int moduleCount, PylonLimits limits) {
    public CanOptions {
        if (moduleCount < 0 || moduleCount > 0xFF) {
            throw new IllegalArgumentException("module count " + moduleCount + " does not fit a byte");
        }
    }

    /** "GOODWE  ", one module, the static limits of the settings. */
    public static CanOptions defaults(Settings s) {
        return new CanOptions(PylonName.GOODWE, 1, PylonLimits.fromSettings(s));
    }

    public CanOptions withLimits(PylonLimits l) {
        return new CanOptions(pylonName, moduleCount, l);
    }

    public CanOptions withName(String name) {
        return new CanOptions(new PylonName(name), moduleCount, limits);
    }
}
