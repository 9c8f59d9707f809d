package io.jkbms.protocol;

/**
 * The only exception a decoder of this module throws: the bytes are not a valid frame of the expected kind. The message
 * says what is wrong and where (offset, expected and actual value). Decoders never throw anything else, whatever the
 * input (tested by fuzzing).
 */
public final class CodecException extends Exception {
    public CodecException(String message) {
        super(message);
    }
}
