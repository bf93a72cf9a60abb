package org.pbx.marketplace.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback address, for the servers and hosts a test starts (tests talk to loopback only). */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A port free on the loopback address now; the caller binds it next. */
    public static int free() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
