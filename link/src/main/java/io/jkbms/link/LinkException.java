package io.jkbms.link;

import java.io.IOException;

/** A link could not be opened or broke: the message names the endpoint and the reason. */
public final class LinkException extends IOException {
    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }

    public LinkException(String message) {
        super(message);
    }
}
