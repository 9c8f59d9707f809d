package io.jkbms.app.history;

/**
 * The history could not be written or read, with the reason in words a user can act on: the disk is full, the
 * folder is read-only, the database cannot be reached, …
 */
public final class StoreException extends Exception {
    public enum Kind { DISK_FULL, READ_ONLY, UNREACHABLE, CORRUPT, OTHER }

    private final Kind kind;

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
