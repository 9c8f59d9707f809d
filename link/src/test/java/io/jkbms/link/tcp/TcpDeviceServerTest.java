package io.jkbms.link.tcp;

import io.jkbms.protocol.device.DeviceSession;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TcpDeviceServerTest {

    /** A session that echoes what it gets and, once asked with 'S', streams 64 KB every poll. */
    private static final class Streamer implements DeviceSession {
        private final Consumer<byte[]> out;
        private boolean streaming;

        Streamer(Consumer<byte[]> out) {
            this.out = out;
        }

        @Override
        public void onBytes(byte[] data, int offset, int length) {
            if (data[offset] == 'S') {
                streaming = true;
            }
            out.accept(java.util.Arrays.copyOfRange(data, offset, offset + length));
        }

        @Override
        public void poll(long now_ms) {
            if (streaming) {
                out.accept(new byte[65_536]);
            }
        }
    }

    private static TcpDeviceServer server() throws Exception {
        return new TcpDeviceServer(InetAddress.getLoopbackAddress(), 0, Streamer::new, System::currentTimeMillis);
    }

    @Test
    void aClientThatStopsReadingIsClosedWithoutHoldingUpTheOthers() throws Exception {
        try (TcpDeviceServer server = server(); Socket lazy = new Socket("127.0.0.1", server.port());
             Socket busy = new Socket("127.0.0.1", server.port())) {
            lazy.setReceiveBufferSize(4096);
            lazy.getOutputStream().write('S'); // asks for the stream, then never reads
            await().atMost(Duration.ofSeconds(30)).until(() -> server.connections() == 1);
            OutputStream o = busy.getOutputStream();
            InputStream i = busy.getInputStream();
            o.write("hello".getBytes());
            byte[] b = new byte[5];
            assertThat(i.readNBytes(b, 0, 5)).isEqualTo(5);
            assertThat(new String(b)).isEqualTo("hello");
        }
    }

    @Test
    void clientsBeyondTheCapAreRefused() throws Exception {
        try (TcpDeviceServer server = server()) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int k = 0; k < TcpDeviceServer.MAX_CONNECTIONS; k++) {
                    sockets.add(new Socket("127.0.0.1", server.port()));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> server.connections() == TcpDeviceServer.MAX_CONNECTIONS);
                Socket extra = new Socket("127.0.0.1", server.port());
                sockets.add(extra);
                extra.setSoTimeout(5_000);
                assertThat(extra.getInputStream().read()).as("closed by the server").isEqualTo(-1);
                assertThat(server.connections()).isEqualTo(TcpDeviceServer.MAX_CONNECTIONS);
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
