package io.jkbms.protocol.jk02;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two JK02 frame layouts (protocols.md §1.6, §1.8, §1.9). Frames carry no layout flag: the client learns it from
 * the software version in the device-info frame ({@link #forSoftwareVersion}, or {@link Jk02Codec#layoutOf}).
 */
public enum Jk02Layout {
    /** Hardware 6–10, software below 11: 24 cell slots, 16 error bits. */
    JK02_24S(24),
    /** Software 11 and later (every BD4A board reported so far): 32 cell slots, 29 error bits. */
    JK02_32S(32);

    /** The first software major version that speaks JK02_32S ([BAT] is_new_11fw_32s). */
    public static final int FIRST_32S_MAJOR = 11;

    private static final Pattern MAJOR = Pattern.compile("^\\D*?(\\d{1,4})(?:\\D|$)");

    private final int cellSlots;

    Jk02Layout(int cellSlots) {
        this.cellSlots = cellSlots;
    }

    /** Cell-voltage, cell-resistance and settings wire-resistance slots in the frames. */
    public int cellSlots() {
        return cellSlots;
    }

    /**
     * The layout a board with this software version speaks: major ≥ 11 → 32S, else 24S. A version without a readable
     * major number (empty, garbled) gives 32S: every BD4A board reported runs 11.x, and this project twins a BD4A.
     */
    public static Jk02Layout forSoftwareVersion(String softwareVersion) {
        OptionalInt major = softwareMajor(softwareVersion);
        return major.isPresent() && major.getAsInt() < FIRST_32S_MAJOR ? JK02_24S : JK02_32S;
    }

    /** The major number of a JK software version: "11.21h" → 11, "10.07" → 10, "V15.38" → 15; empty if none. */
    public static OptionalInt softwareMajor(String softwareVersion) {
        Matcher m = MAJOR.matcher(softwareVersion.trim());
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
