package io.jkbms.app.web;

import java.util.Map;

/** An answer other than 200: its status, the error in words, and any further fields of the JSON body. */
final class ApiException extends RuntimeException {
    final int status;
    final Map<String, Object> extra;

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    ApiException(int status, String message, Map<String, Object> extra) {
        super(message);
        this.status = status;
        this.extra = extra;
    }
}
