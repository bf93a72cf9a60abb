package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this PBX tells its vendor about itself on registration, activation and checks (docs/protocol.md §13),
 * so the owner's cabinet names the installation: its host name and PBX version. Both optional; the host name
 * is found without DNS where the system allows it, once, on the first vendor call.
 */
final class SelfReport {

    /** Framework property that names the PBX in the vendor's cabinet; the system's host name when unset. */
    static final String HOST_NAME_PROPERTY = "pbx.host.name";

    private final String configuredName;
    private final String pbxVersion;
    private volatile Map<String, String> fields;

    SelfReport(String configuredName, String pbxVersion) {
        this.configuredName = blankToNull(configuredName);
        this.pbxVersion = blankToNull(pbxVersion);
    }

    static SelfReport none() {
        SelfReport report = new SelfReport(null, null);
        report.fields = Map.of();
        return report;
    }

    /** The request fields: hostName and pbxVersion, each only when known. */
    Map<String, String> fields() {
        Map<String, String> known = fields;
        if (known == null) {
            Map<String, String> found = new LinkedHashMap<>();
            String host = configuredName != null ? configuredName : systemHostName();
            if (host != null) {
                found.put("hostName", host);
            }
            if (pbxVersion != null) {
                found.put("pbxVersion", pbxVersion);
            }
            known = Map.copyOf(found);
            fields = known;
        }
        return known;
    }

    private static String systemHostName() {
        try {
            // Linux: the kernel's name, no lookup; elsewhere the environment, then Java's (which may ask DNS).
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = blankToNull(Files.readString(kernel, StandardCharsets.US_ASCII));
                if (name != null) {
                    return name;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the other ways
        }
        String env = blankToNull(System.getenv("HOSTNAME"));
        if (env == null) {
            env = blankToNull(System.getenv("COMPUTERNAME"));
        }
        if (env != null) {
            return env;
        }
        try {
            return blankToNull(InetAddress.getLocalHost().getHostName());
        } catch (IOException | RuntimeException e) {
            return null; // unnamed in the cabinet; the id still tells the installations apart
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
