package io.jkbms.link.client;

import java.io.IOException;

/** A board did not confirm a write (by read-back) in time, or answered something else: names the setting. */
public final class ConfirmationException extends IOException {
    public ConfirmationException(String message) {
        super(message);
    }
}
