package io.jkbms.protocol.can;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Pylontech 0x359: protection flags in bytes 0–1, [4] module count, other bytes 0 ([UKS]). */
public record PylonAlarms(Set<PylonFlag> flags, int moduleCount) implements CanPayload {
    public PylonAlarms {
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(PylonFlag.class) : EnumSet.copyOf(flags));
        Le.require(moduleCount >= 0 && moduleCount <= 0xFF, "module count " + moduleCount + " does not fit a byte");
    }

    @Override
    public CanMessage message() {
        return CanMessage.PYLON_ALARMS;
    }

    @Override
    public CanFrame toFrame() {
        byte[] d = new byte[8];
        for (PylonFlag f : flags) {
            d[f.byteIndex()] |= (byte) f.mask();
        }
        d[4] = (byte) moduleCount;
        return new CanFrame(message().id(), d);
    }

    /** Bits other than the named flags, and bytes 2, 3, 5–7, are ignored. */
    static PylonAlarms decode(CanFrame f) {
        EnumSet<PylonFlag> s = EnumSet.noneOf(PylonFlag.class);
        for (PylonFlag p : PylonFlag.values()) {
            if ((f.u8(p.byteIndex()) & p.mask()) != 0) {
                s.add(p);
            }
        }
        return new PylonAlarms(s, f.u8(4));
    }
}
