package io.jkbms.app.link;

import io.jkbms.app.cli.JkbmsCommand;
import io.jkbms.app.twin.TwinBackend;
import io.jkbms.core.settings.SettingKey;
import io.jkbms.link.tcp.TcpDeviceServer;
import io.jkbms.protocol.jk02.Jk02DeviceSession;
import io.jkbms.protocol.uart.UartDeviceSession;
import io.jkbms.sim.scenario.DefaultScenario;
import io.jkbms.sim.twin.Twin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCommandTest {
    private Twin twin;
    private TcpDeviceServer jk02;
    private TcpDeviceServer uart;

    private record Run(int exit, String out, String err) {
    }

    private static Run jkbms(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = JkbmsCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @BeforeEach
    void start() throws Exception {
        twin = new Twin(DefaultScenario.load()).start();
        TwinBackend board = new TwinBackend(twin, true);
        jk02 = new TcpDeviceServer(InetAddress.getLoopbackAddress(), 0, o -> new Jk02DeviceSession(board, o), System::currentTimeMillis);
        uart = new TcpDeviceServer(InetAddress.getLoopbackAddress(), 0, o -> new UartDeviceSession(board, o), System::currentTimeMillis);
    }

    @AfterEach
    void stop() throws Exception {
        jk02.close();
        uart.close();
        twin.close();
    }

    @Test
    void infoStatusAndSettingsAsJson() {
        Run info = jkbms("client", "--tcp", "127.0.0.1:" + jk02.port(), "info");
        assertThat(info.exit()).as(info.err()).isZero();
        assertThat(info.out()).contains("\"model\" : \"JK-BD4A24S-12P\"", "JK02_32S", "framesGood");
        Run status = jkbms("client", "--uart-tcp", "127.0.0.1:" + uart.port(), "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("\"cell_mV\"", "\"soc_pct\"", "\"mosTemperature\"", "\"temperatures\"",
                "\"cycles\"", "\"runtime_s\"", "\"emergency\"");
        Run settings = jkbms("client", "--tcp", "127.0.0.1:" + jk02.port(), "settings");
        assertThat(settings.out()).contains("\"cell_ovp_mV\" : 3600", "\"capacity_mAh\" : 280000");
    }

    @Test
    void setAndSwitchAreConfirmedOrRefusedByName() {
        Run set = jkbms("client", "--tcp", "127.0.0.1:" + jk02.port(), "set", "balance_trigger_mV", "20");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("balance_trigger_mV = 20 (confirmed by read-back)");
        assertThat((int) twin.call(sim -> sim.bms().settings().get(SettingKey.BALANCE_TRIGGER_mV))).isEqualTo(20);

        Run sw = jkbms("client", "--uart-tcp", "127.0.0.1:" + uart.port(), "switch", "charge", "off");
        assertThat(sw.exit()).as(sw.err()).isZero();
        assertThat((int) twin.call(sim -> sim.bms().settings().get(SettingKey.CHARGE_ENABLED))).isZero();

        Run refused = jkbms("client", "--timeout", "1", "--tcp", "127.0.0.1:" + jk02.port(), "set", "cell_uvpr_mV", "2000");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("did not confirm cell_uvpr_mV = 2000", "still reports 2900");

        Run unknown = jkbms("client", "--tcp", "127.0.0.1:" + jk02.port(), "set", "cell_ovp", "3600");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown setting 'cell_ovp'");
        Run wrong = jkbms("client", "--tcp", "127.0.0.1:" + jk02.port(), "switch", "heating", "on");
        assertThat(wrong.err()).contains("switch charge, discharge or balance");
    }

    @Test
    void commandsAreSentAndConfirmedOrRefusedByName() {
        Run on = jkbms("client", "--tcp", "127.0.0.1:" + jk02.port(), "emergency", "on");
        assertThat(on.exit()).as(on.err()).isZero();
        assertThat(on.out()).contains("emergency on: confirmed");
        assertThat((boolean) twin.call(sim -> sim.bms().telemetry().emergency())).isTrue();
        Run off = jkbms("client", "--tcp", "127.0.0.1:" + jk02.port(), "emergency", "off");
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat((boolean) twin.call(sim -> sim.bms().telemetry().emergency())).isFalse();

        int pack_mV = twin.call(sim -> sim.bms().telemetry().packVoltage_mV());
        Run cal = jkbms("client", "--tcp", "127.0.0.1:" + jk02.port(), "calibrate", "voltage", "" + (pack_mV + 300));
        assertThat(cal.exit()).as(cal.err()).isZero();
        assertThat(cal.out()).contains("pack-voltage calibration to " + (pack_mV + 300) + " mV: confirmed");

        Run notCarried = jkbms("client", "--uart-tcp", "127.0.0.1:" + uart.port(), "emergency", "on");
        assertThat(notCarried.exit()).isEqualTo(2);
        assertThat(notCarried.err()).contains("emergency on cannot be sent over 4E57");
        Run bad = jkbms("client", "--tcp", "127.0.0.1:" + jk02.port(), "calibrate", "temperature", "20");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("calibrate voltage or current");
        assertThat(bad.out()).doesNotContain("link:"); // refused before connecting
    }

    @Test
    void anUnreachableBoardAndBleAreClearErrors() {
        Run r = jkbms("client", "--timeout", "1", "--tcp", "127.0.0.1:1", "info");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach tcp://127.0.0.1:1");
        Run ble = jkbms("client", "--ble", "C8:47:8C:00:00:01", "info");
        assertThat(ble.exit()).isEqualTo(1);
        assertThat(ble.err()).contains("ble:C8:47:8C:00:00:01"); // no BlueZ here: says which step failed
        Run arity = jkbms("client", "--tcp", "127.0.0.1:1", "set", "x");
        assertThat(arity.err()).contains("set takes 2 argument(s), got 1");
    }
}
