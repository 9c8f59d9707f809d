package io.jkbms.protocol.uart;

import io.jkbms.protocol.CodecException;
import io.jkbms.protocol.device.FakeBackend;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A 4E57 board on a noisy line, and several clients of one board. */
class UartDeviceSessionRecoveryTest {
    private static final byte[] READ_ALL = UartRequest.readAll().toFrame(UartSource.PC).encode();

    @Test
    void aNoiseBurstThatLooksLikeAFrameStartIsDroppedOnceTheLineGoesQuiet() {
        List<byte[]> out = new ArrayList<>();
        UartDeviceSession s = new UartDeviceSession(FakeBackend.lfp16("11.26"), out::add);
        byte[] noise = {0x4E, 0x57, 0x03, (byte) 0xE6}; // a start declaring a 998-byte frame that never comes
        s.onBytes(noise, 0, noise.length);
        s.poll(1_000);
        s.poll(1_000 + UartDeviceSession.IDLE_GAP_ms - 10);
        s.onBytes(READ_ALL, 0, READ_ALL.length); // still inside the gap: swallowed by the false frame
        s.poll(1_100);
        s.poll(1_100 + UartDeviceSession.IDLE_GAP_ms + 10);
        assertThat(s.stats().errors()).isPositive();
        s.onBytes(READ_ALL, 0, READ_ALL.length);
        assertThat(out).hasSize(1);
    }

    @Test
    void writesToTheBoardsOwnParametersAreSeenByItsOtherSessions() throws CodecException {
        FakeBackend board = FakeBackend.lfp16("11.26");
        AtomicReference<UartDevice> shared = UartDeviceSession.deviceState(board);
        List<byte[]> a = new ArrayList<>();
        List<byte[]> b = new ArrayList<>();
        UartDeviceSession first = new UartDeviceSession(board, shared, a::add);
        UartDeviceSession second = new UartDeviceSession(board, shared, b::add);
        byte[] write = UartRequest.write(new UartValue.Num(UartId.SLEEP_WAIT, 600)).toFrame(UartSource.PC).encode();
        first.onBytes(write, 0, write.length);
        byte[] read = UartRequest.readOne(UartId.SLEEP_WAIT).toFrame(UartSource.PC).encode();
        second.onBytes(read, 0, read.length);
        UartData d = UartData.parse(UartFrame.decode(b.get(0)).body());
        assertThat(d.raw(UartId.SLEEP_WAIT).orElseThrow()).isEqualTo(600);
    }
}
