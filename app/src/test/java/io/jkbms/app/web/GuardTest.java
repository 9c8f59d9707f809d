package io.jkbms.app.web;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardTest {
    private final Guard guard = new Guard("t0k3n-t0k3n-t0k3n-t0k3n-t0k3n-t0k3n-xx", InetAddress.getLoopbackAddress());

    @Test
    void hostsOfThisServerOnly() {
        guard.checkHost("127.0.0.1:8080");
        guard.checkHost("localhost:8080");
        guard.checkHost("[::1]:8080");
        assertThatThrownBy(() -> guard.checkHost("evil.example:8080")).hasMessageContaining("evil.example");
        assertThatThrownBy(() -> guard.checkHost(null)).isInstanceOf(ApiException.class);
        assertThat(Guard.hostOnly("[::1]:80")).isEqualTo("[::1]");
        assertThat(Guard.hostOnly("LocalHost")).isEqualTo("localhost");
    }

    @Test
    void originMustBeThisServer() {
        guard.checkOrigin(null, "127.0.0.1:8080");
        guard.checkOrigin("http://127.0.0.1:8080", "127.0.0.1:8080");
        assertThatThrownBy(() -> guard.checkOrigin("http://127.0.0.1:9999", "127.0.0.1:8080"))
                .hasMessageContaining("cross-site");
        assertThatThrownBy(() -> guard.checkOrigin("null", "127.0.0.1:8080")).isInstanceOf(ApiException.class);
    }

    @Test
    void bearerTokens() {
        assertThat(Guard.bearer("Bearer abc")).isEqualTo("abc");
        assertThat(Guard.bearer("bearer  abc ")).isEqualTo("abc");
        assertThat(Guard.bearer("Basic abc")).isNull();
        assertThat(guard.tokenMatches("t0k3n-t0k3n-t0k3n-t0k3n-t0k3n-t0k3n-xx")).isTrue();
        assertThat(guard.tokenMatches("t0k3n")).isFalse();
        assertThat(guard.tokenMatches(null)).isFalse();
    }
}
