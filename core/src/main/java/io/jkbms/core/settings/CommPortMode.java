package io.jkbms.core.settings;

/** What the 4-pin communication port speaks: the APP's "communication port mode" switch (32S control bit 3). */
public enum CommPortMode {
    RS485,
    CAN
}
