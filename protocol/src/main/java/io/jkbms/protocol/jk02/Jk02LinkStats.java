package io.jkbms.protocol.jk02;

/**
 * Link diagnostics of a {@link Jk02Reassembler}, counted since it was made or reset.
 *
 * @param frames         300-byte frames delivered
 * @param commands       20-byte commands (or ACKs) delivered
 * @param ignored        well-formed units not asked for: logbook frames (0x05), commands when only frames are wanted
 *                       and frames when only commands are
 * @param checksumErrors candidates (a header and enough bytes) whose checksum failed
 * @param invalid        candidates with a good checksum but an impossible type (frames) or length byte (commands)
 * @param bytesSkipped   bytes dropped while resynchronising: noise such as "AT\r\n", remains of broken frames
 */
public record Jk02LinkStats(long frames, long commands, long ignored, long checksumErrors, long invalid,
                            long bytesSkipped) {
    public static final Jk02LinkStats ZERO = new Jk02LinkStats(0, 0, 0, 0, 0, 0);

    /** Candidates dropped, for whatever reason. */
    public long rejected() {
        return checksumErrors + invalid;
    }
}
