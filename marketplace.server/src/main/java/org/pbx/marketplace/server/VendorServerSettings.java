package org.pbx.marketplace.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run a vendor server. Defaults suit a real deployment; tests shorten the lifetimes or
 * pass their own clock so nothing has to sleep.
 */
public final class VendorServerSettings {
    /** A copy of the builder's values, never handed out: the settings never change. */
    private final SettingsValues v;

    /** How the SMTP connection is protected: none, upgraded with STARTTLS (required), or TLS from the start. */
    public enum SmtpSecurity {
        NONE(25), STARTTLS(587), SMTPS(465);

        private final int defaultPort;

        SmtpSecurity(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }
    }

    private VendorServerSettings(Builder b) {
        SettingsValues v = b.v.clone();
        Objects.requireNonNull(v.dataDirectory, "dataDirectory");
        v.smtpPort = v.smtpPort > 0 ? v.smtpPort : v.smtpSecurity.defaultPort();
        // Parsed here too, so a wrong entry fails the settings, not the first request.
        org.pbx.marketplace.server.internal.http.TrustedProxies.parse(v.trustedProxies);
        if (v.smtpHost != null && v.mailFrom == null) {
            throw new IllegalArgumentException("mail needs a sender address (mailFrom) when an SMTP host is set");
        }
        this.v = v;
    }

    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    public Path dataDirectory() { return v.dataDirectory; }
    public String bindAddress() { return v.bindAddress; }
    public int port() { return v.port; }
    public String publicUrl() { return v.publicUrl; }
    public String jdbcUrl() { return v.jdbcUrl; }
    public String jdbcUser() { return v.jdbcUser; }
    public String jdbcPassword() { return v.jdbcPassword; }
    public Duration tokenLifetime() { return v.tokenLifetime; }
    public Duration offlineGrace() { return v.offlineGrace; }
    public Duration catalogLifetime() { return v.catalogLifetime; }
    public Duration sessionIdle() { return v.sessionIdle; }
    public Duration baseLicense() { return v.baseLicense; }
    public Clock clock() { return v.clock; }
    /** Mail is on only when an SMTP host is set. */
    public boolean mailEnabled() { return v.smtpHost != null; }
    public String smtpHost() { return v.smtpHost; }
    public int smtpPort() { return v.smtpPort; }
    public SmtpSecurity smtpSecurity() { return v.smtpSecurity; }
    public String smtpUser() { return v.smtpUser; }
    public String smtpPassword() { return v.smtpPassword; }
    public String mailFrom() { return v.mailFrom; }
    public String adminToken() { return v.adminToken; }
    /** Whether an empty data folder gets the demo vendor (docs/protocol.md §8.4); false by default. */
    public boolean demoData() { return v.demoData; }
    public Duration mailRetryBase() { return v.mailRetryBase; }
    public Duration mailRetryMax() { return v.mailRetryMax; }
    public int mailMaxAttempts() { return v.mailMaxAttempts; }
    /** Standalone HTTP: a connection with no traffic for this long is closed. */
    public Duration idleTimeout() { return v.idleTimeout; }
    /** Standalone HTTP: the request line and headers must have arrived this long after the connection opened. */
    public Duration headerTimeout() { return v.headerTimeout; }
    /** Standalone HTTP: a request's whole body must have arrived this long after its headers. */
    public Duration bodyTimeout() { return v.bodyTimeout; }
    /** Standalone HTTP: the thread pool's size; all but 8 run requests. */
    public int maxThreads() { return v.maxThreads; }
    /** Standalone HTTP: most requests waiting for a worker; past it they get 503, not a place in an endless queue. */
    public int maxQueuedRequests() { return v.maxQueuedRequests; }
    /** Standalone HTTP: largest request line plus headers, in bytes (larger: 431). */
    public int maxHeaderBytes() { return v.maxHeaderBytes; }
    /** Standalone HTTP: a PKCS#12 keystore to serve HTTPS with, or null for plain HTTP. */
    public Path tlsKeystore() { return v.tlsKeystore; }
    public String tlsKeystorePassword() { return v.tlsKeystorePassword; }
    /** IP addresses and CIDR ranges of proxies whose X-Forwarded-For names the client. */
    public List<String> trustedProxies() { return v.trustedProxies; }
    public int jdbcPoolSize() { return v.jdbcPoolSize; }
    public int registrationsPerClientPerHour() { return v.registrationsPerClientPerHour; }
    public int lettersPerAddressPerDay() { return v.lettersPerAddressPerDay; }
    public Duration sentLetterRetention() { return v.sentLetterRetention; }

    public static final class Builder {
        private final SettingsValues v = new SettingsValues();

        private Builder(Path dataDirectory) {
            v.dataDirectory = dataDirectory;
        }

        /** Address to listen on (standalone only); default 127.0.0.1. */
        public Builder bindAddress(String value) { v.bindAddress = value; return this; }
        /** Port to listen on (standalone only); 0, the default, picks a free one. */
        public Builder port(int value) { v.port = value; return this; }
        /** The URL clients use, when a proxy stands in front; only reported, never needed for routing. */
        public Builder publicUrl(String value) { v.publicUrl = value; return this; }
        /** Another database than the H2 file in the data folder, e.g. jdbc:postgresql://db/vendor. */
        public Builder jdbc(String url, String user, String password) {
            v.jdbcUrl = url;
            v.jdbcUser = user;
            v.jdbcPassword = password;
            return this;
        }
        /** exp - iat of license tokens and refusals; also how long a nonce is remembered. Default 1 day. */
        public Builder tokenLifetime(Duration value) { v.tokenLifetime = positive(value); return this; }
        /** offlineUntil - iat of license tokens. Default 7 days. */
        public Builder offlineGrace(Duration value) { v.offlineGrace = positive(value); return this; }
        /** exp - iat of the catalog and its timestamp; re-signed at half-life. Default 1 day. */
        public Builder catalogLifetime(Duration value) { v.catalogLifetime = positive(value); return this; }
        /** Idle time after which a cabinet session ends. Default 30 minutes. */
        public Builder sessionIdle(Duration value) { v.sessionIdle = positive(value); return this; }
        /** How long registration grants the base product. Default 365 days. */
        public Builder baseLicense(Duration value) { v.baseLicense = positive(value); return this; }
        /** The server's notion of now, for tests that move time instead of waiting. */
        public Builder clock(Clock value) { v.clock = Objects.requireNonNull(value); return this; }

        /**
         * The SMTP server letters go through; null or blank (the default) switches mail off.
         * Port 0 means the security's usual port (25, 587, 465).
         */
        public Builder smtp(String host, int port, SmtpSecurity security) {
            v.smtpHost = blankToNull(host);
            v.smtpPort = port;
            v.smtpSecurity = Objects.requireNonNull(security);
            return this;
        }
        /** SMTP login; no user means no authentication. */
        public Builder smtpAuth(String user, String password) {
            v.smtpUser = blankToNull(user);
            v.smtpPassword = password;
            return this;
        }
        /** The From address of every letter, e.g. "Vendor licensing &lt;licenses@vendor.example&gt;". */
        public Builder mailFrom(String value) { v.mailFrom = blankToNull(value); return this; }
        /** Opens /cabinet/outbox to whoever presents it; without one that page does not exist. */
        public Builder adminToken(String value) { v.adminToken = blankToNull(value); return this; }
        /** Seed an empty data folder with the demo vendor: products, coupons, catalog (default false). */
        public Builder demoData(boolean value) { v.demoData = value; return this; }
        /**
         * Retry schedule of the outbox: wait base, 2 base, 4 base ... at most max between attempts,
         * and give a letter up after maxAttempts. Defaults 1 minute, 1 hour, 10 attempts.
         */
        public Builder mailRetry(Duration base, Duration max, int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
            v.mailRetryBase = positive(base);
            v.mailRetryMax = positive(max);
            v.mailMaxAttempts = maxAttempts;
            return this;
        }

        /** Standalone HTTP: close a connection idle this long. Default 30 seconds. */
        public Builder idleTimeout(Duration value) { v.idleTimeout = positiveMillis(value); return this; }
        /** Standalone HTTP: deadline for a connection's request line and headers. Default 10 seconds. */
        public Builder headerTimeout(Duration value) { v.headerTimeout = positiveMillis(value); return this; }
        /**
         * Standalone HTTP: deadline for a whole request body, counted from its headers; a client that
         * trickles is cut off (408) at this deadline however often it sends a byte. Default 15 seconds.
         */
        public Builder bodyTimeout(Duration value) { v.bodyTimeout = positiveMillis(value); return this; }
        /**
         * Standalone HTTP: the thread pool's size (at least 16; 8 of them are Jetty's own, the rest
         * run requests) and how many requests may wait for one (at most 10 s; beyond: 503). Default 64, 512.
         */
        public Builder threads(int max, int maxQueued) {
            if (max < 16 || maxQueued < 1) {
                throw new IllegalArgumentException("at least 16 threads and a queue of at least 1");
            }
            v.maxThreads = max;
            v.maxQueuedRequests = maxQueued;
            return this;
        }
        /** Standalone HTTP: largest request line plus headers in bytes. Default 8192. */
        public Builder maxHeaderBytes(int value) {
            if (value < 1024) {
                throw new IllegalArgumentException("the header limit must be at least 1024 bytes");
            }
            v.maxHeaderBytes = value;
            return this;
        }
        /** Standalone HTTP: serve HTTPS with this PKCS#12 keystore; null (the default) for plain HTTP. */
        public Builder tls(Path keystore, String password) {
            v.tlsKeystore = keystore;
            v.tlsKeystorePassword = password;
            return this;
        }
        /**
         * Proxies (IP addresses or CIDR ranges) whose X-Forwarded-For header names the client that
         * throttles count; from any other peer the header is ignored. Default none.
         */
        public Builder trustedProxies(List<String> value) { v.trustedProxies = List.copyOf(value); return this; }

        /** Most database connections this node holds open at once. Default 10. */
        public Builder jdbcPoolSize(int value) {
            v.jdbcPoolSize = within(value, 1, 500, "jdbcPoolSize");
            return this;
        }

        /**
         * Registration limits, counted in the database so every node shares them: at most perClientPerHour
         * registrations from one client address in any hour, and at most lettersPerAddressPerDay letters
         * (registration and lost-key letters) to one e-mail address in any 24 hours. Defaults 20 and 10;
         * at most 1000. 0 switches a limit off: only for load tests and benchmarks on a closed network.
         */
        public Builder registrationLimits(int perClientPerHour, int lettersPerAddressPerDay) {
            v.registrationsPerClientPerHour = within(perClientPerHour, 0, 1000, "registrationsPerClientPerHour");
            v.lettersPerAddressPerDay = within(lettersPerAddressPerDay, 0, 1000, "lettersPerAddressPerDay");
            return this;
        }

        /** How long sent (and given-up) letters stay in the outbox before they are deleted. Default 30 days. */
        public Builder sentLetterRetention(Duration value) { v.sentLetterRetention = positive(value); return this; }

        public VendorServerSettings build() {
            return new VendorServerSettings(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }

        private static Duration positiveMillis(Duration value) {
            if (value.isNegative() || value.toMillis() < 1) {
                throw new IllegalArgumentException("a timeout must be at least one millisecond");
            }
            return value;
        }

        private static int within(int value, int min, int max, String name) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", not " + value);
            }
            return value;
        }

        private static Duration positive(Duration value) {
            if (value.isNegative() || value.isZero() || value.toSeconds() < 1) {
                throw new IllegalArgumentException("a lifetime must be at least one second");
            }
            return value;
        }
    }
}
