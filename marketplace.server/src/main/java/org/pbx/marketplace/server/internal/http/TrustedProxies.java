package org.pbx.marketplace.server.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which client address throttles key on. X-Forwarded-For is anyone's to write, so it counts only
 * when the socket peer is a configured proxy; then the address is the rightmost hop that is not
 * itself a trusted proxy (the one our own proxy saw), never a value the client put further left.
 */
public final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** No proxy trusted: always the socket address. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            return rest == 0 || ((address[full] ^ network[full]) & (0xff << (8 - rest)) & 0xff) == 0;
        }
    }

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * Parses IP addresses and CIDR ranges ("10.0.0.5", "10.0.0.0/8", "::1", "fd00::/8").
     *
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static TrustedProxies parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
            int prefix = address == null ? -1 : address.length * 8;
            if (address != null && slash >= 0) {
                String bits = entry.substring(slash + 1);
                prefix = bits.matches("[0-9]{1,3}") ? Integer.parseInt(bits) : -1;
            }
            if (address == null || prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("trusted proxy \"" + entry
                        + "\" is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8)");
            }
            ranges.add(new Range(address, prefix));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * The client's address.
     *
     * @param socketAddress  the TCP peer
     * @param forwardedFor   every X-Forwarded-For header value, in order (may be empty)
     */
    public String clientAddress(String socketAddress, List<String> forwardedFor) {
        if (ranges.isEmpty() || !trusted(literal(socketAddress)) || forwardedFor.isEmpty()) {
            return socketAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = socketAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = literal(hops.get(i));
            if (hop == null) {
                // Garbage left of our proxies was written by the client: the last good hop is the answer.
                return client;
            }
            client = text(hop);
            if (!trusted(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(byte[] address) {
        if (address == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IP literal, or null; never a name lookup (InetAddress only sees literals here). */
    static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(t).matches();
        if (!v4 && !IPV6.matcher(t).matches()) {
            return null;
        }
        if (v4) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            // An IPv4-mapped IPv6 literal comes back as 4 bytes: one spelling per address.
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Canonical text of an address, so "::ffff:10.0.0.1" and "10.0.0.1" count as one client. */
    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
