package io.jkbms.app.device;

/** A board could not do what was asked: it is offline, it did not confirm in time, or it refused in its state. */
public final class DeviceException extends Exception {
    /** Why, as the web layer maps it to a status code. */
    public enum Kind { OFFLINE, TIMEOUT, REFUSED, UNSUPPORTED }

    private final Kind kind;

    public DeviceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DeviceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
