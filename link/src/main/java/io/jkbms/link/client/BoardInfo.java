package io.jkbms.link.client;

/** Who the board says it is. {@code layout} is the JK02 frame layout (JK02_24S / JK02_32S), or "4E57". */
public record BoardInfo(String protocol, String model, String hardwareVersion, String softwareVersion, String serial,
                        String layout) {
}
