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
    final Path dataDirectory;
    final String bindAddress;
    final int port;
    final String publicUrl;
    final String jdbcUrl;
    final String jdbcUser;
    final String jdbcPassword;
    final Duration tokenLifetime;
    final Duration offlineGrace;
    final Duration catalogLifetime;
    final Duration sessionIdle;
    final Duration baseLicense;
    final Clock clock;
    final String smtpHost;
    final int smtpPort;
    final SmtpSecurity smtpSecurity;
    final String smtpUser;
    final String smtpPassword;
    final String mailFrom;
    final String adminToken;
    final boolean demoData;
    final Duration mailRetryBase;
    final Duration mailRetryMax;
    final int mailMaxAttempts;
    final Duration idleTimeout;
    final Duration headerTimeout;
    final Duration bodyTimeout;
    final int maxThreads;
    final int maxQueuedRequests;
    final int maxHeaderBytes;
    final Path tlsKeystore;
    final String tlsKeystorePassword;
    final List<String> trustedProxies;
    final int jdbcPoolSize;
    final int registrationsPerClientPerHour;
    final int lettersPerAddressPerDay;
    final Duration sentLetterRetention;

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
        this.dataDirectory = Objects.requireNonNull(b.dataDirectory, "dataDirectory");
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.publicUrl = b.publicUrl;
        this.jdbcUrl = b.jdbcUrl;
        this.jdbcUser = b.jdbcUser;
        this.jdbcPassword = b.jdbcPassword;
        this.tokenLifetime = b.tokenLifetime;
        this.offlineGrace = b.offlineGrace;
        this.catalogLifetime = b.catalogLifetime;
        this.sessionIdle = b.sessionIdle;
        this.baseLicense = b.baseLicense;
        this.clock = b.clock;
        this.smtpHost = b.smtpHost;
        this.smtpSecurity = b.smtpSecurity;
        this.smtpPort = b.smtpPort > 0 ? b.smtpPort : b.smtpSecurity.defaultPort();
        this.smtpUser = b.smtpUser;
        this.smtpPassword = b.smtpPassword;
        this.mailFrom = b.mailFrom;
        this.adminToken = b.adminToken;
        this.demoData = b.demoData;
        this.mailRetryBase = b.mailRetryBase;
        this.mailRetryMax = b.mailRetryMax;
        this.mailMaxAttempts = b.mailMaxAttempts;
        this.idleTimeout = b.idleTimeout;
        this.headerTimeout = b.headerTimeout;
        this.bodyTimeout = b.bodyTimeout;
        this.maxThreads = b.maxThreads;
        this.maxQueuedRequests = b.maxQueuedRequests;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.tlsKeystore = b.tlsKeystore;
        this.tlsKeystorePassword = b.tlsKeystorePassword;
        this.trustedProxies = b.trustedProxies;
        // Parsed here too, so a wrong entry fails the settings, not the first request.
        org.pbx.marketplace.server.internal.http.TrustedProxies.parse(trustedProxies);
        this.jdbcPoolSize = b.jdbcPoolSize;
        this.registrationsPerClientPerHour = b.registrationsPerClientPerHour;
        this.lettersPerAddressPerDay = b.lettersPerAddressPerDay;
        this.sentLetterRetention = b.sentLetterRetention;
        if (smtpHost != null && mailFrom == null) {
            throw new IllegalArgumentException("mail needs a sender address (mailFrom) when an SMTP host is set");
        }
    }

    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    public Path dataDirectory() { return dataDirectory; }
    public String bindAddress() { return bindAddress; }
    public int port() { return port; }
    public String publicUrl() { return publicUrl; }
    public String jdbcUrl() { return jdbcUrl; }
    public String jdbcUser() { return jdbcUser; }
    public String jdbcPassword() { return jdbcPassword; }
    public Duration tokenLifetime() { return tokenLifetime; }
    public Duration offlineGrace() { return offlineGrace; }
    public Duration catalogLifetime() { return catalogLifetime; }
    public Duration sessionIdle() { return sessionIdle; }
    public Duration baseLicense() { return baseLicense; }
    public Clock clock() { return clock; }
    /** Mail is on only when an SMTP host is set. */
    public boolean mailEnabled() { return smtpHost != null; }
    public String smtpHost() { return smtpHost; }
    public int smtpPort() { return smtpPort; }
    public SmtpSecurity smtpSecurity() { return smtpSecurity; }
    public String smtpUser() { return smtpUser; }
    public String smtpPassword() { return smtpPassword; }
    public String mailFrom() { return mailFrom; }
    public String adminToken() { return adminToken; }
    /** Whether an empty data folder gets the demo vendor (docs/protocol.md §8.4); false by default. */
    public boolean demoData() { return demoData; }
    public Duration mailRetryBase() { return mailRetryBase; }
    public Duration mailRetryMax() { return mailRetryMax; }
    public int mailMaxAttempts() { return mailMaxAttempts; }
    /** Standalone HTTP: a connection with no traffic for this long is closed. */
    public Duration idleTimeout() { return idleTimeout; }
    /** Standalone HTTP: the request line and headers must have arrived this long after the connection opened. */
    public Duration headerTimeout() { return headerTimeout; }
    /** Standalone HTTP: a request's whole body must have arrived this long after its headers. */
    public Duration bodyTimeout() { return bodyTimeout; }
    /** Standalone HTTP: the thread pool's size; all but 8 run requests. */
    public int maxThreads() { return maxThreads; }
    /** Standalone HTTP: most requests waiting for a worker; past it they get 503, not a place in an endless queue. */
    public int maxQueuedRequests() { return maxQueuedRequests; }
    /** Standalone HTTP: largest request line plus headers, in bytes (larger: 431). */
    public int maxHeaderBytes() { return maxHeaderBytes; }
    /** Standalone HTTP: a PKCS#12 keystore to serve HTTPS with, or null for plain HTTP. */
    public Path tlsKeystore() { return tlsKeystore; }
    public String tlsKeystorePassword() { return tlsKeystorePassword; }
    /** IP addresses and CIDR ranges of proxies whose X-Forwarded-For names the client. */
    public List<String> trustedProxies() { return trustedProxies; }
    public int jdbcPoolSize() { return jdbcPoolSize; }
    public int registrationsPerClientPerHour() { return registrationsPerClientPerHour; }
    public int lettersPerAddressPerDay() { return lettersPerAddressPerDay; }
    public Duration sentLetterRetention() { return sentLetterRetention; }

    public static final class Builder {
        private final Path dataDirectory;
        private String bindAddress = "127.0.0.1";
        private int port;
        private String publicUrl;
        private String jdbcUrl;
        private String jdbcUser;
        private String jdbcPassword;
        private Duration tokenLifetime = Duration.ofDays(1);
        private Duration offlineGrace = Duration.ofDays(7);
        private Duration catalogLifetime = Duration.ofDays(1);
        private Duration sessionIdle = Duration.ofMinutes(30);
        private Duration baseLicense = Duration.ofDays(365);
        private Clock clock = Clock.systemUTC();
        private String smtpHost;
        private int smtpPort;
        private SmtpSecurity smtpSecurity = SmtpSecurity.STARTTLS;
        private String smtpUser;
        private String smtpPassword;
        private String mailFrom;
        private String adminToken;
        private boolean demoData;
        private Duration mailRetryBase = Duration.ofMinutes(1);
        private Duration mailRetryMax = Duration.ofHours(1);
        private int mailMaxAttempts = 10;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration bodyTimeout = Duration.ofSeconds(15);
        private int maxThreads = 64;
        private int maxQueuedRequests = 512;
        private int maxHeaderBytes = 8 * 1024;
        private Path tlsKeystore;
        private String tlsKeystorePassword;
        private List<String> trustedProxies = List.of();

        private int jdbcPoolSize = 10;
        private int registrationsPerClientPerHour = 20;
        private int lettersPerAddressPerDay = 10;
        private Duration sentLetterRetention = Duration.ofDays(30);

        private Builder(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        /** Address to listen on (standalone only); default 127.0.0.1. */
        public Builder bindAddress(String value) { this.bindAddress = value; return this; }
        /** Port to listen on (standalone only); 0, the default, picks a free one. */
        public Builder port(int value) { this.port = value; return this; }
        /** The URL clients use, when a proxy stands in front; only reported, never needed for routing. */
        public Builder publicUrl(String value) { this.publicUrl = value; return this; }
        /** Another database than the H2 file in the data folder, e.g. jdbc:postgresql://db/vendor. */
        public Builder jdbc(String url, String user, String password) {
            this.jdbcUrl = url;
            this.jdbcUser = user;
            this.jdbcPassword = password;
            return this;
        }
        /** exp - iat of license tokens and refusals; also how long a nonce is remembered. Default 1 day. */
        public Builder tokenLifetime(Duration value) { this.tokenLifetime = positive(value); return this; }
        /** offlineUntil - iat of license tokens. Default 7 days. */
        public Builder offlineGrace(Duration value) { this.offlineGrace = positive(value); return this; }
        /** exp - iat of the catalog and its timestamp; re-signed at half-life. Default 1 day. */
        public Builder catalogLifetime(Duration value) { this.catalogLifetime = positive(value); return this; }
        /** Idle time after which a cabinet session ends. Default 30 minutes. */
        public Builder sessionIdle(Duration value) { this.sessionIdle = positive(value); return this; }
        /** How long registration grants the base product. Default 365 days. */
        public Builder baseLicense(Duration value) { this.baseLicense = positive(value); return this; }
        /** The server's notion of now, for tests that move time instead of waiting. */
        public Builder clock(Clock value) { this.clock = Objects.requireNonNull(value); return this; }

        /**
         * The SMTP server letters go through; null or blank (the default) switches mail off.
         * Port 0 means the security's usual port (25, 587, 465).
         */
        public Builder smtp(String host, int port, SmtpSecurity security) {
            this.smtpHost = blankToNull(host);
            this.smtpPort = port;
            this.smtpSecurity = Objects.requireNonNull(security);
            return this;
        }
        /** SMTP login; no user means no authentication. */
        public Builder smtpAuth(String user, String password) {
            this.smtpUser = blankToNull(user);
            this.smtpPassword = password;
            return this;
        }
        /** The From address of every letter, e.g. "Vendor licensing &lt;licenses@vendor.example&gt;". */
        public Builder mailFrom(String value) { this.mailFrom = blankToNull(value); return this; }
        /** Opens /cabinet/outbox to whoever presents it; without one that page does not exist. */
        public Builder adminToken(String value) { this.adminToken = blankToNull(value); return this; }
        /** Seed an empty data folder with the demo vendor: products, coupons, catalog (default false). */
        public Builder demoData(boolean value) { this.demoData = value; return this; }
        /**
         * Retry schedule of the outbox: wait base, 2 base, 4 base ... at most max between attempts,
         * and give a letter up after maxAttempts. Defaults 1 minute, 1 hour, 10 attempts.
         */
        public Builder mailRetry(Duration base, Duration max, int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
            this.mailRetryBase = positive(base);
            this.mailRetryMax = positive(max);
            this.mailMaxAttempts = maxAttempts;
            return this;
        }

        /** Standalone HTTP: close a connection idle this long. Default 30 seconds. */
        public Builder idleTimeout(Duration value) { this.idleTimeout = positiveMillis(value); return this; }
        /** Standalone HTTP: deadline for a connection's request line and headers. Default 10 seconds. */
        public Builder headerTimeout(Duration value) { this.headerTimeout = positiveMillis(value); return this; }
        /**
         * Standalone HTTP: deadline for a whole request body, counted from its headers; a client that
         * trickles is cut off (408) at this deadline however often it sends a byte. Default 15 seconds.
         */
        public Builder bodyTimeout(Duration value) { this.bodyTimeout = positiveMillis(value); return this; }
        /**
         * Standalone HTTP: the thread pool's size (at least 16; 8 of them are Jetty's own, the rest
         * run requests) and how many requests may wait for one (at most 10 s; beyond: 503). Default 64, 512.
         */
        public Builder threads(int max, int maxQueued) {
            if (max < 16 || maxQueued < 1) {
                throw new IllegalArgumentException("at least 16 threads and a queue of at least 1");
            }
            this.maxThreads = max;
            this.maxQueuedRequests = maxQueued;
            return this;
        }
        /** Standalone HTTP: largest request line plus headers in bytes. Default 8192. */
        public Builder maxHeaderBytes(int value) {
            if (value < 1024) {
                throw new IllegalArgumentException("the header limit must be at least 1024 bytes");
            }
            this.maxHeaderBytes = value;
            return this;
        }
        /** Standalone HTTP: serve HTTPS with this PKCS#12 keystore; null (the default) for plain HTTP. */
        public Builder tls(Path keystore, String password) {
            this.tlsKeystore = keystore;
            this.tlsKeystorePassword = password;
            return this;
        }
        /**
         * Proxies (IP addresses or CIDR ranges) whose X-Forwarded-For header names the client that
         * throttles count; from any other peer the header is ignored. Default none.
         */
        public Builder trustedProxies(List<String> value) { this.trustedProxies = List.copyOf(value); return this; }

        /** Most database connections this node holds open at once. Default 10. */
        public Builder jdbcPoolSize(int value) {
            this.jdbcPoolSize = within(value, 1, 500, "jdbcPoolSize");
            return this;
        }

        /**
         * Registration limits, counted in the database so every node shares them: at most perClientPerHour
         * registrations from one client address in any hour, and at most lettersPerAddressPerDay letters
         * (registration and lost-key letters) to one e-mail address in any 24 hours. Defaults 20 and 10;
         * at most 1000. 0 switches a limit off: only for load tests and benchmarks on a closed network.
         */
        public Builder registrationLimits(int perClientPerHour, int lettersPerAddressPerDay) {
            this.registrationsPerClientPerHour = within(perClientPerHour, 0, 1000, "registrationsPerClientPerHour");
            this.lettersPerAddressPerDay = within(lettersPerAddressPerDay, 0, 1000, "lettersPerAddressPerDay");
            return this;
        }

        /** How long sent (and given-up) letters stay in the outbox before they are deleted. Default 30 days. */
        public Builder sentLetterRetention(Duration value) { this.sentLetterRetention = positive(value); return this; }

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
