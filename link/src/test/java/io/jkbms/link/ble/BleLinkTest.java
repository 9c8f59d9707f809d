package io.jkbms.link.ble;

import io.jkbms.link.LinkException;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BleLinkTest {
    /** A GATT the test drives: it delivers notifications and reports the disconnect when told. */
    private static final class FakeGatt implements BleGatt {
        Consumer<byte[]> sink = b -> { };
        Consumer<String> lost = r -> { };
        int writes;

        @Override
        public void write(byte[] data) {
            writes++;
        }

        @Override
        public void onNotification(Consumer<byte[]> sink) {
            this.sink = sink;
        }

        @Override
        public void onDisconnect(Consumer<String> reason) {
            this.lost = reason;
        }

        @Override
        public String describe() {
            return "ble:fake";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aDisconnectFailsTheLinkOnceWhatArrivedBeforeIsRead() throws Exception {
        FakeGatt gatt = new FakeGatt();
        try (BleLink link = new BleLink(gatt, 20)) {
            gatt.sink.accept(new byte[]{1, 2, 3});
            gatt.lost.accept("the board disconnected (BlueZ reports Connected = false)");
            byte[] buf = new byte[8];
            assertThat(link.read(buf)).isEqualTo(3);
            assertThatThrownBy(() -> link.read(buf)).isInstanceOf(LinkException.class)
                    .hasMessageContaining("ble:fake: the board disconnected");
            assertThatThrownBy(() -> link.write(new byte[20])).isInstanceOf(LinkException.class)
                    .hasMessageContaining("Connected = false");
            assertThat(gatt.writes).isZero();
        }
    }

    @Test
    void withoutADisconnectAnIdleLinkJustTimesOut() throws Exception {
        try (BleLink link = new BleLink(new FakeGatt(), 20)) {
            assertThat(link.read(new byte[8])).isZero();
        }
    }
}
