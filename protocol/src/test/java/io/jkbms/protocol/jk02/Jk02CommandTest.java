package io.jkbms.protocol.jk02;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.settings.SettingsPatch;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.Hex;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

import static io.jkbms.protocol.jk02.Jk02Layout.JK02_24S;
import static io.jkbms.protocol.jk02.Jk02Layout.JK02_32S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 20-byte commands: the captured examples byte for byte, parsing with random padding, the register table. */
class Jk02CommandTest {

    private static String hex(Jk02Command c) {
        return Hex.of(c.encode());
    }

    @Test
    void theCapturedCommandsAreReproducedByteForByte() {
        assertThat(hex(Jk02Command.readDeviceInfo())).isEqualTo("AA5590EB97000000000000000000000000000011");
        assertThat(hex(Jk02Command.readSettings())).isEqualTo("AA5590EB96000000000000000000000000000010");
        assertThat(hex(Jk02Command.write(Jk02Register.CHARGE_SWITCH, JK02_24S, 1)))
                .isEqualTo("AA5590EB1D04010000000000000000000000009C");
        assertThat(hex(Jk02Command.ACK)).isEqualTo("AA5590EBC8010100000000000000000000000044");
        assertThat(hex(Jk02Command.of(0x31, 4, 1))).isEqualTo("AA5590EB310401000000000000000000000000B0");
    }

    @Test
    void theCommandsOfTheEsphomeDumpCarryTheirScaledValues() {
        // [EJ] number/__init__.py dump: "20 04 f0ba0400 Set battery cap to 310", "04 04 420e0000 Set Cell OVP to 3.65",
        // "21 04 42d10000 Set cal voltage to 53.57", "06 04 03000000 Set balance trig voltage to 0.003".
        assertThat(Jk02Mapping.writeCommand(SettingKey.CAPACITY_mAh, 310_000, JK02_24S).orElseThrow().encode())
                .startsWith(0xAA, 0x55, 0x90, 0xEB, 0x20, 0x04, 0xF0, 0xBA, 0x04, 0x00, 0x00);
        assertThat(Jk02Mapping.writeCommand(SettingKey.CELL_OVP_mV, 3650, JK02_32S).orElseThrow().encode())
                .startsWith(0xAA, 0x55, 0x90, 0xEB, 0x04, 0x04, 0x42, 0x0E, 0x00, 0x00);
        assertThat(Jk02Command.write(Jk02Register.VOLTAGE_CALIBRATION, JK02_24S, 53_570).encode())
                .startsWith(0xAA, 0x55, 0x90, 0xEB, 0x21, 0x04, 0x42, 0xD1, 0x00, 0x00);
        assertThat(Jk02Mapping.writeCommand(SettingKey.BALANCE_TRIGGER_mV, 3, JK02_24S).orElseThrow().encode())
                .startsWith(0xAA, 0x55, 0x90, 0xEB, 0x06, 0x04, 0x03, 0x00, 0x00, 0x00);
    }

    @Test
    void temperaturesAreSigned() throws Exception {
        Jk02Command c = Jk02Mapping.writeCommand(SettingKey.CHARGE_UTP_dC, -100, JK02_24S).orElseThrow();
        assertThat(Hex.of(c.data())).isEqualTo("9CFFFFFF");
        assertThat(c.signedValue()).isEqualTo(-100);
        assertThat(c.unsignedValue()).isEqualTo(0xFFFF_FF9CL);
        // The 32S whole-°C registers: one signed byte, core's 0.1 °C divided by 10.
        Jk02Command h = Jk02Mapping.writeCommand(SettingKey.HEATING_START_dC, -50, JK02_32S).orElseThrow();
        assertThat(Hex.of(h.encode())).startsWith("AA5590EB3701FB");
        assertThat(Jk02Mapping.interpret(Jk02Command.parse(h.encode()), JK02_32S))
                .isEqualTo(new Jk02Request.ChangeSettings(Jk02Register.HEATING_START,
                        SettingsPatch.of(SettingKey.HEATING_START_dC, -50)));
    }

    @Test
    void aValueTheRegisterCannotCarryIsRefused() {
        assertThatThrownBy(() -> Jk02Mapping.writeCommand(SettingKey.HEATING_START_dC, 55, JK02_32S))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a whole number of °C");
        assertThatThrownBy(() -> Jk02Mapping.writeCommand(SettingKey.SLEEP_DELAY_h, 256, JK02_32S))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..255");
        assertThatThrownBy(() -> Jk02Mapping.writeCommand(SettingKey.CELL_OVP_mV, -1, JK02_24S))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jk02Command.write(Jk02Register.PRECHARGE_TIME, JK02_24S, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no register number on JK02_24S");
        assertThatThrownBy(() -> Jk02Command.write(Jk02Register.WIRE_RESISTANCE, JK02_24S, 25, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channels 1..24");
        assertThatThrownBy(() -> Jk02Command.userData("é")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jk02Command.userData("x".repeat(14))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsJk02CannotWriteGiveNoCommand() {
        assertThat(Jk02Mapping.writeCommand(SettingKey.CELL_OVP_DELAY_s, 5, JK02_32S)).isEmpty();
        assertThat(Jk02Mapping.writeCommand(SettingKey.CAN_PROTOCOL, 1, JK02_32S)).isEmpty();
        assertThat(Jk02Mapping.writeCommand(SettingKey.PRECHARGE_TIME_s, 5, JK02_24S)).isEmpty();
        assertThat(Jk02Mapping.writeCommand(SettingKey.PRECHARGE_TIME_s, 5, JK02_32S)).isPresent();
    }

    // ---- parsing (device side) ----

    @Test
    void theAppsRandomPaddingIsIgnored() throws Exception {
        Jk02Command c = Jk02Command.parse(Hex.parse("AA5590EB9700F42AF61E98D0E99B64A86AAFD62A"));
        assertThat(c).isEqualTo(Jk02Command.readDeviceInfo());
        assertThat(Jk02Mapping.interpret(c, JK02_32S)).isInstanceOf(Jk02Request.ReadDeviceInfo.class);
    }

    @Test
    void parsingRefusesWhatIsNotACommand() {
        assertThatThrownBy(() -> Jk02Command.parse(new byte[19])).isInstanceOf(CodecException.class)
                .hasMessage("a JK02 command is 20 bytes, got 19");
        byte[] b = Jk02Command.readSettings().encode();
        b[1] = 0x56;
        assertThatThrownBy(() -> Jk02Command.parse(b)).isInstanceOf(CodecException.class)
                .hasMessageStartingWith("bad command header at offset 1: expected 55, got 56");
        byte[] crc = Jk02Command.readSettings().encode();
        crc[12] = 7;
        assertThatThrownBy(() -> Jk02Command.parse(crc)).isInstanceOf(CodecException.class)
                .hasMessage("command CRC mismatch at offset 19: carries 10, bytes 0..18 sum to 17");
        byte[] len = Jk02Command.readSettings().encode();
        len[5] = 14;
        Jk02Samples.fixCommandCrc(len);
        assertThatThrownBy(() -> Jk02Command.parse(len)).isInstanceOf(CodecException.class)
                .hasMessageContaining("at most 13");
    }

    @Test
    void theAckParsesAsTheAck() throws Exception {
        Jk02Command ack = Jk02Command.parse(Hex.parse("AA5590EBC8010100000000000000000000000044"));
        assertThat(ack.isAck()).isTrue();
        assertThat(ack).isEqualTo(Jk02Command.ACK);
        assertThat(Jk02Mapping.interpret(ack, JK02_32S)).isInstanceOf(Jk02Request.Unsupported.class);
        assertThat(Jk02Command.readSettings().isAck()).isFalse();
    }

    @Test
    void register0x31MeansAWireOn24SAndTheEmergencyButtonOn32S() throws Exception {
        Jk02Command c = Jk02Command.parse(Hex.parse("AA5590EB310401000000000000000000000000B0"));
        assertThat(Jk02Mapping.interpret(c, JK02_32S))
                .isEqualTo(new Jk02Request.Action(Jk02Register.EMERGENCY_BUTTON_SWITCH, 1));
        assertThat(Jk02Mapping.interpret(c, JK02_24S)).isEqualTo(new Jk02Request.ChangeSettings(
                Jk02Register.WIRE_RESISTANCE, SettingsPatch.builder().wireResistance(11, 1).build()));
    }

    @Test
    void userDataTravelsAsText() throws Exception {
        Jk02Command c = Jk02Command.userData("0123456789012");
        byte[] b = c.encode();
        assertThat(b[4] & 0xFF).isEqualTo(0x9F);
        assertThat(b[5]).isEqualTo((byte) 13);
        Jk02Command back = Jk02Command.parse(b);
        assertThat(back.text()).isEqualTo("0123456789012");
        assertThat(Jk02Mapping.interpret(back, JK02_24S)).isEqualTo(new Jk02Request.ChangeSettings(
                Jk02Register.USER_DATA, SettingsPatch.builder().userData("0123456789012").build()));
        assertThatThrownBy(back::unsignedValue).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void actionsAndUnknownRegisters() throws Exception {
        assertThat(Hex.of(Jk02Command.action(Jk02Register.RESTART, JK02_32S).encode())).startsWith("AA5590EB6600");
        assertThat(Jk02Mapping.interpret(Jk02Command.action(Jk02Register.FACTORY_RESET, JK02_32S), JK02_32S))
                .isEqualTo(new Jk02Request.Action(Jk02Register.FACTORY_RESET, 0));
        assertThat(Jk02Mapping.interpret(Jk02Command.write(Jk02Register.CURRENT_CALIBRATION, JK02_24S, 10_000), JK02_24S))
                .isEqualTo(new Jk02Request.Action(Jk02Register.CURRENT_CALIBRATION, 10_000));
        Jk02Request r = Jk02Mapping.interpret(Jk02Command.of(0x70, 4, 1), JK02_32S);
        assertThat(r).isInstanceOf(Jk02Request.Unsupported.class);
        assertThat(((Jk02Request.Unsupported) r).reason()).isEqualTo("register 0x70 is not a JK02_32S write register");
        Jk02Request noValue = Jk02Mapping.interpret(new Jk02Command(0x04, new byte[0]), JK02_32S);
        assertThat(((Jk02Request.Unsupported) noValue).reason()).contains("needs a 1..4-byte value");
        assertThatThrownBy(() -> Jk02Command.action(Jk02Register.CELL_OVP, JK02_24S)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWriteOfAnotherLengthIsReadAsSent() {
        // Heating start is a 1-byte register, but a 4-byte -5 °C is understood too.
        Jk02Request r = Jk02Mapping.interpret(Jk02Command.of(0x37, 4, -5), JK02_32S);
        assertThat(r).isEqualTo(new Jk02Request.ChangeSettings(Jk02Register.HEATING_START,
                SettingsPatch.of(SettingKey.HEATING_START_dC, -50)));
    }

    // ---- the register table ----

    @Test
    void everyRegisterNumberMeansOneThingPerLayout() {
        for (Jk02Layout l : Jk02Layout.values()) {
            Set<Integer> seen = new HashSet<>();
            for (Jk02Register r : Jk02Register.values()) {
                OptionalInt n = r.number(l);
                if (n.isEmpty()) {
                    continue;
                }
                for (int ch = 1; ch <= r.channels(); ch++) {
                    int number = n.getAsInt() + ch - 1;
                    assertThat(seen.add(number)).as("%s: 0x%02X used twice", l, number).isTrue();
                    assertThat(Jk02Register.lookup(l, number)).contains(new Jk02Register.Target(r, ch));
                }
            }
            assertThat(seen).doesNotContain(Jk02Command.READ_SETTINGS, Jk02Command.READ_DEVICE_INFO, Jk02Command.ACK_REGISTER);
        }
    }

    @Test
    void theSettingsFrameRegistersAre0x01To0x20OnBothLayouts() {
        assertThat(Jk02Register.settingsFrameRegisters()).hasSize(32);
        for (Jk02Register r : Jk02Register.settingsFrameRegisters()) {
            int n = r.number(JK02_24S).getAsInt();
            assertThat(r.number(JK02_32S)).hasValue(n);
            assertThat(r.settingsFrameOffset()).isEqualTo(6 + 4 * (n - 1));
            assertThat(r.length()).isEqualTo(4);
            assertThat(r.settingKey()).isPresent();
            assertThat(r.signed()).isEqualTo(n >= 0x14 && n <= 0x1B);
        }
        assertThat(Jk02Register.CELL_COUNT.settingsFrameOffset()).isEqualTo(114);
        assertThat(Jk02Register.CAPACITY.settingsFrameOffset()).isEqualTo(130);
        assertThatThrownBy(Jk02Register.SCP_DELAY::settingsFrameOffset).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everySettingRegisterWritesItsKeyAndOnlyOneRegisterPerLayoutDoes() {
        Set<SettingKey> written = EnumSet.noneOf(SettingKey.class);
        for (Jk02Register r : Jk02Register.values()) {
            assertThat(r.settingKey().isPresent()).as(r.name()).isEqualTo(r.kind() == Jk02Register.Kind.SETTING);
            r.settingKey().ifPresent(k -> {
                written.add(k);
                for (Jk02Layout l : Jk02Layout.values()) {
                    if (r.existsOn(l)) {
                        assertThat(Jk02Register.forSetting(k, l)).contains(r);
                    }
                }
            });
            assertThat(r.existsOn(JK02_24S) || r.existsOn(JK02_32S)).as(r.name()).isTrue();
            if (r.length() == 1) {
                assertThat(r.existsOn(JK02_24S)).as("1-byte registers are 32S only: %s", r).isFalse();
            }
        }
        // What neither layout writes over JK02 (other pages or 4E57 set these).
        assertThat(EnumSet.complementOf(EnumSet.copyOf(written))).containsExactlyInAnyOrder(
                SettingKey.BATTERY_TYPE, SettingKey.CELL_OVP_DELAY_s, SettingKey.CELL_UVP_DELAY_s,
                SettingKey.CELL_DELTA_ALARM_mV, SettingKey.DOCP2_mA, SettingKey.DOCP2_DELAY_ms, SettingKey.DOCP3_mA,
                SettingKey.DOCP3_DELAY_ms, SettingKey.COMM_PORT_MODE, SettingKey.CAN_PROTOCOL,
                SettingKey.DEVICE_ADDRESS, SettingKey.GPS_HEARTBEAT, SettingKey.LOW_SOC_ALARM_pct);
    }

    // ---- properties ----

    @Property(tries = 1000)
    void anyCommandRoundTrips(@ForAll @IntRange(min = 0, max = 255) int register,
                              @ForAll @Size(max = 13) byte[] data, @ForAll long paddingSeed) throws Exception {
        Jk02Command c = new Jk02Command(register, data);
        byte[] b = c.encode();
        assertThat(b).hasSize(20);
        assertThat(Jk02Command.parse(b)).isEqualTo(c);
        // Random padding after the value, with its CRC, parses to the same command.
        Random r = new Random(paddingSeed);
        for (int i = 6 + data.length; i < 19; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        Jk02Samples.fixCommandCrc(b);
        assertThat(Jk02Command.parse(b)).isEqualTo(c);
    }

    @Provide
    Arbitrary<Object[]> numericWrites() {
        return Arbitraries.of(Jk02Layout.class).flatMap(l -> Arbitraries.of(Jk02Register.values())
                .filter(r -> r.existsOn(l) && r.length() > 0 && r.length() <= 4)
                .flatMap(r -> Arbitraries.longs().between(r.minWire(), r.maxWire())
                        .flatMap(v -> Arbitraries.integers().between(1, r.channels())
                                .map(ch -> new Object[]{l, r, v, ch}))));
    }

    /** A write built from the table, sent and parsed, asks for exactly the value written. */
    @Property(tries = 1000)
    void aWriteIsUnderstoodAsWritten(@ForAll("numericWrites") Object[] w) throws Exception {
        Jk02Layout l = (Jk02Layout) w[0];
        Jk02Register r = (Jk02Register) w[1];
        long v = (Long) w[2];
        int ch = (Integer) w[3];
        Jk02Command c = Jk02Command.write(r, l, ch, v);
        assertThat(c.length()).isEqualTo(r.length());
        Jk02Request req = Jk02Mapping.interpret(Jk02Command.parse(c.encode()), l);
        switch (r.kind()) {
            case SETTING:
                assertThat(req).isEqualTo(new Jk02Request.ChangeSettings(r,
                        SettingsPatch.of(r.settingKey().orElseThrow(), r.toCore(v))));
                // And back: the core value writes the same command.
                if (v * r.coreUnitsPerStep() == r.toCore(v)) {
                    assertThat(Jk02Mapping.writeCommand(r.settingKey().get(), r.toCore(v), l)).contains(c);
                }
                break;
            case WIRE_RESISTANCE:
                assertThat(req).isEqualTo(new Jk02Request.ChangeSettings(r,
                        SettingsPatch.builder().wireResistance(ch, (int) Math.min(Integer.MAX_VALUE, v)).build()));
                break;
            default:
                assertThat(req).isEqualTo(new Jk02Request.Action(r, v));
        }
    }
}
