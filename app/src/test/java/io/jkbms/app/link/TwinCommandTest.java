package io.jkbms.app.link;

import io.jkbms.app.cli.JkbmsCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The twin's CAN options refuse what cannot work, saying why; serving is covered by the link and twin tests. */
class TwinCommandTest {
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

    @Test
    void socketCanNeedsACModel() {
        Run r = jkbms("twin", "--model", "JK-BD4A24S-12P", "--can", "can0", "--jk02-tcp", "0", "--uart-tcp", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--can needs a model with CAN");
    }

    @Test
    void aMissingCanInterfaceIsAClearErrorAndTheTwinStops() {
        Run r = jkbms("twin", "--model", "JK-BD4A24S-12PC", "--can", "nosuchcan9", "--jk02-tcp", "0", "--uart-tcp", "0");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot open socketcan:nosuchcan9");
    }
}
