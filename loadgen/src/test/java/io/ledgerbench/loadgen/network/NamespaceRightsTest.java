package io.ledgerbench.loadgen.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a local run with network namespaces says it lacks, before it starts anything. */
class NamespaceRightsTest {

    private static final long ROOT = 0x1ffffffffffL;
    private static final long NET_ADMIN_ONLY = 1L << 12;

    @Test
    void rootWithIproute2AndTheTapDriverLacksNothing() {
        assertThat(NamespaceNetwork.missingRights(true, ROOT, true)).isEmpty();
    }

    @Test
    void anUnprivilegedProcessIsToldItNeedsRoot() {
        assertThat(NamespaceNetwork.missingRights(true, 0, true)).hasValueSatisfying(missing -> assertThat(missing)
                .startsWith("needs root").contains("CAP_SYS_ADMIN").contains("CAP_NET_ADMIN"));
        assertThat(NamespaceNetwork.missingRights(true, NET_ADMIN_ONLY, true)).hasValueSatisfying(missing ->
                assertThat(missing).startsWith("needs root"));
    }

    @Test
    void withoutIproute2TheDebianPackageIsNamed() {
        assertThat(NamespaceNetwork.missingRights(false, ROOT, true)).hasValue(
                "needs iproute2's ip and tc (Debian package iproute2)");
    }

    @Test
    void withoutTheTapDriverItIsNamed() {
        assertThat(NamespaceNetwork.missingRights(true, ROOT, false)).hasValueSatisfying(missing -> assertThat(missing)
                .contains("/dev/net/tun"));
    }
}
