package io.jkbms.link.client;

import io.jkbms.core.settings.SettingKey;
import io.jkbms.core.telemetry.SensorStatus;
import io.jkbms.core.telemetry.TemperatureReading;
import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.device.DeviceCommand;
import io.jkbms.protocol.uart.UartCommand;
import io.jkbms.protocol.uart.UartData;
import io.jkbms.protocol.uart.UartFrame;
import io.jkbms.protocol.uart.UartId;
import io.jkbms.protocol.uart.UartRequest;
import io.jkbms.protocol.uart.UartValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UartClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /**
     * A board holding a few identifiers that, as real boards require, takes a write only right after the password
     * frame (any other request in between cancels it); a write without it is answered with the value it keeps.
     */
    private static class Board implements Function<byte[], List<byte[]>> {
        final Map<UartId, Long> values = new EnumMap<>(UartId.class);
        final List<UartCommand> received = new ArrayList<>();
        private boolean passwordGiven;

        Board() {
            values.put(UartId.MOS_TEMPERATURE, 25L);
            values.put(UartId.T1_TEMPERATURE, 19L);
            values.put(UartId.T2_TEMPERATURE, 0L);
            values.put(UartId.PACK_VOLTAGE, 5_312L);
            values.put(UartId.CURRENT, UartValue.current(-10_000, 1).raw());
            values.put(UartId.SOC, 61L);
            values.put(UartId.NTC_COUNT, 1L);
            values.put(UartId.CYCLES, 7L);
            values.put(UartId.STATUS, 0b111L);
            values.put(UartId.CELL_OVP, 3_600L);
            values.put(UartId.CELL_OVPR, 3_400L);
            values.put(UartId.CHARGE_SWITCH, 1L);
            values.put(UartId.FACTORY_RESET, 0L);
            values.put(UartId.RUNTIME, 100L);
            values.put(UartId.ACTUAL_CAPACITY, 280L);
            values.put(UartId.PROTOCOL_VERSION, 1L);
        }

        UartData readAll() {
            List<UartValue> l = new ArrayList<>();
            l.add(UartValue.cells(3_320, 3_321, 3_322, 3_323));
            values.forEach((id, raw) -> l.add(new UartValue.Num(id, raw)));
            return UartData.of(l);
        }

        static byte[] reply(UartCommand command, UartData data) {
            return UartFrame.reply(command, data.encode()).encode();
        }

        @Override
        public List<byte[]> apply(byte[] bytes) {
            UartRequest r;
            try {
                r = UartRequest.decode(UartFrame.decode(bytes));
            } catch (CodecException e) {
                throw new AssertionError(e);
            }
            received.add(r.command());
            boolean mayWrite = passwordGiven;
            passwordGiven = r instanceof UartRequest.Password;
            if (r instanceof UartRequest.ReadAll) {
                return List.of(reply(UartCommand.READ_ALL, readAll()));
            } else if (r instanceof UartRequest.ReadOne one) {
                return answerReadOne(one.id());
            } else if (r instanceof UartRequest.Write w && w.value() instanceof UartValue.Num n) {
                if (mayWrite) {
                    values.put(n.id(), n.raw());
                }
                return answerWrite(n.id());
            }
            return List.of(reply(r.command(), UartData.of()));
        }

        List<byte[]> answerReadOne(UartId id) {
            return List.of(reply(UartCommand.READ_ONE, UartData.of(new UartValue.Num(id, values.get(id)))));
        }

        List<byte[]> answerWrite(UartId id) {
            return List.of(reply(UartCommand.WRITE, UartData.of(new UartValue.Num(id, values.get(id)))));
        }
    }

    private static UartCommand command(byte[] frame) throws CodecException {
        return UartFrame.decode(frame).command();
    }

    @Test
    void statusCarriesWhatReadAllCarriesAndSaysWhatItDoesNot() throws Exception {
        Board board = new Board();
        try (UartClient c = UartClient.connect(new ScriptedLink(board), TIMEOUT)) {
            BoardStatus s = c.status();
            assertThat(s.cell_mV()).containsExactly(3_320, 3_321, 3_322, 3_323);
            assertThat(s.packVoltage_mV()).isEqualTo(53_120);
            assertThat(s.current_mA()).isEqualTo(-10_000);
            assertThat(s.soc_pct()).isEqualTo(61);
            assertThat(s.mosTemperature()).isEqualTo(new TemperatureReading(SensorStatus.OK, 250));
            // 0x86 says one sensor: T1; T2's 0 °C is not a reading, T3 and T4 are not carried
            assertThat(s.temperatures()).containsExactly(new TemperatureReading(SensorStatus.OK, 190),
                    TemperatureReading.ABSENT, TemperatureReading.ABSENT, TemperatureReading.ABSENT);
            assertThat(s.chargeMos()).isTrue();
            assertThat(s.dischargeMos()).isTrue();
            assertThat(s.balancing()).isTrue();
            assertThat(s.cycles()).isEqualTo(7);
            assertThat(s.runtime_s()).isEqualTo(6_000);
            assertThat(s.fullCapacity_mAh()).isEqualTo(280_000);
            // not carried by 4E57
            assertThat(s.remaining_mAh()).isZero();
            assertThat(s.balanceCurrent_mA()).isZero();
            assertThat(List.of(s.heating(), s.emergency(), s.precharging())).containsOnly(false);
        }
    }

    @Test
    void everyWriteGoesRightAfterThePasswordFrame() throws Exception {
        Board board = new Board();
        ScriptedLink link = new ScriptedLink(board);
        try (UartClient c = UartClient.connect(link, TIMEOUT)) {
            c.set(SettingKey.CELL_OVP_mV, 3_550);
            assertThat(board.values.get(UartId.CELL_OVP)).isEqualTo(3_550L);
            c.set(SettingKey.CHARGE_ENABLED, 0);
            assertThat(board.values.get(UartId.CHARGE_SWITCH)).isZero();
        }
        assertThat(board.received).containsExactly(UartCommand.READ_ALL,
                UartCommand.PASSWORD, UartCommand.WRITE, UartCommand.READ_ONE,
                UartCommand.PASSWORD, UartCommand.WRITE, UartCommand.READ_ONE);
        // the password as captured (protocols.md §2.1, ESPHome)
        assertThat(io.jkbms.protocol.Hex.of(link.written.get(1))).isEqualTo("4E570014000000000503000000000000006800000129");
    }

    @Test
    void bytesWaitingBeforeARequestAreNotItsAnswer() throws Exception {
        Board board = new Board();
        ScriptedLink link = new ScriptedLink(board);
        try (UartClient c = UartClient.connect(link, TIMEOUT)) {
            Board stale = new Board();
            stale.values.put(UartId.CELL_OVP, 3_999L);
            link.inject(Board.reply(UartCommand.READ_ALL, stale.readAll())); // a reply to nothing of ours
            assertThat(c.settings().values().get(SettingKey.CELL_OVP_mV)).isEqualTo(3_600);
            assertThat(c.staleReplies()).isEqualTo(1);
        }
    }

    @Test
    void aReplyForAnotherIdentifierIsNotTheAnswer() throws Exception {
        Board board = new Board() {
            @Override
            List<byte[]> answerReadOne(UartId id) {
                // first a late answer to an earlier read of another identifier, then the answer
                List<byte[]> l = new ArrayList<>(super.answerReadOne(UartId.CELL_OVPR));
                l.addAll(super.answerReadOne(id));
                return l;
            }

            @Override
            List<byte[]> answerWrite(UartId id) {
                List<byte[]> l = new ArrayList<>(super.answerWrite(UartId.CHARGE_SWITCH));
                l.addAll(super.answerWrite(id));
                return l;
            }
        };
        try (UartClient c = UartClient.connect(new ScriptedLink(board), TIMEOUT)) {
            c.command(new DeviceCommand.FactoryReset()); // confirmed by the reply for 0xBC, not the one for 0xAB
            c.set(SettingKey.CELL_OVP_mV, 3_500); // 0xAB and 0x91 replies would hold no 0x90 to confirm it
            assertThat(c.staleReplies()).isEqualTo(3);
        }
    }

    @Test
    void aReplyMatchesByCommandAndIdentifier() {
        UartData ovp = UartData.of(new UartValue.Num(UartId.CELL_OVP, 3_600));
        assertThat(UartClient.answers(UartRequest.readOne(UartId.CELL_OVP), ovp)).isTrue();
        assertThat(UartClient.answers(UartRequest.readOne(UartId.CELL_OVPR), ovp)).isFalse();
        assertThat(UartClient.answers(UartRequest.write(new UartValue.Num(UartId.CELL_OVP, 3_500)), ovp)).isTrue();
        assertThat(UartClient.answers(UartRequest.write(new UartValue.Num(UartId.CELL_OVPR, 3_300)), ovp)).isFalse();
        assertThat(UartClient.answers(UartRequest.readAll(), ovp)).isFalse();
        assertThat(UartClient.answers(UartRequest.readAll(), new Board().readAll())).isTrue();
    }

    @Test
    void aFactoryResetTheBoardRefusesIsNotConfirmed() throws Exception {
        Board board = new Board() {
            @Override
            public List<byte[]> apply(byte[] bytes) {
                List<byte[]> r = super.apply(bytes);
                values.put(UartId.FACTORY_RESET, 0L); // the board keeps its idle 0
                return r;
            }

            @Override
            List<byte[]> answerWrite(UartId id) {
                return List.of(reply(UartCommand.WRITE, UartData.of(new UartValue.Num(id, 0))));
            }
        };
        try (UartClient c = UartClient.connect(new ScriptedLink(board), TIMEOUT)) {
            assertThatThrownBy(() -> c.command(new DeviceCommand.FactoryReset()))
                    .isInstanceOf(ConfirmationException.class).hasMessageContaining("factory reset");
        }
    }

    @Test
    void wakeIsActivateThenARead() throws Exception {
        Board board = new Board();
        try (UartClient c = UartClient.connect(new ScriptedLink(board), TIMEOUT)) {
            c.command(new DeviceCommand.Wake());
        }
        assertThat(board.received).containsExactly(UartCommand.READ_ALL, UartCommand.ACTIVATE, UartCommand.READ_ALL);
    }

    @Test
    void commandsFourE57CannotCarryAreRefusedByNameBeforeAnythingIsSent() throws Exception {
        Board board = new Board();
        ScriptedLink link = new ScriptedLink(board);
        try (UartClient c = UartClient.connect(link, TIMEOUT)) {
            for (DeviceCommand cmd : List.of(new DeviceCommand.Emergency(true), new DeviceCommand.PowerOff(),
                    new DeviceCommand.CalibratePackVoltage(53_000))) {
                assertThatThrownBy(() -> c.command(cmd)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(BmsClient.describe(cmd)).hasMessageContaining("4E57");
            }
            assertThatThrownBy(() -> c.command(new DeviceCommand.CalibrateCurrent(70_000)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535 mA");
        }
        assertThat(link.written).hasSize(1); // the read-all of connect
        assertThat(command(link.written.get(0))).isEqualTo(UartCommand.READ_ALL);
    }
}
