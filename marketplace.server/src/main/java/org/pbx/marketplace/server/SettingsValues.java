package org.pbx.marketplace.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.pbx.marketplace.server.VendorServerSettings.SmtpSecurity;

/**
 * The values of {@link VendorServerSettings} with their defaults, written by its builder (which checks
 * each) and copied into the settings when built, so a settings object never changes.
 */
final class SettingsValues implements Cloneable {
    Path dataDirectory;
    String bindAddress = "127.0.0.1";
    int port;
    String publicUrl;
    String jdbcUrl;
    String jdbcUser;
    String jdbcPassword;
    Duration tokenLifetime = Duration.ofDays(1);
    Duration offlineGrace = Duration.ofDays(7);
    Duration catalogLifetime = Duration.ofDays(1);
    Duration sessionIdle = Duration.ofMinutes(30);
    Duration baseLicense = Duration.ofDays(365);
    Clock clock = Clock.systemUTC();
    String smtpHost;
    int smtpPort;
    SmtpSecurity smtpSecurity = SmtpSecurity.STARTTLS;
    String smtpUser;
    String smtpPassword;
    String mailFrom;
    String adminToken;
    boolean demoData;
    Duration mailRetryBase = Duration.ofMinutes(1);
    Duration mailRetryMax = Duration.ofHours(1);
    int mailMaxAttempts = 10;
    Duration idleTimeout = Duration.ofSeconds(30);
    Duration headerTimeout = Duration.ofSeconds(10);
    Duration bodyTimeout = Duration.ofSeconds(15);
    int maxThreads = 64;
    int maxQueuedRequests = 512;
    int maxHeaderBytes = 8 * 1024;
    Path tlsKeystore;
    String tlsKeystorePassword;
    List<String> trustedProxies = List.of();
    int jdbcPoolSize = 10;
    int registrationsPerClientPerHour = 20;
    int lettersPerAddressPerDay = 10;
    Duration sentLetterRetention = Duration.ofDays(30);

    @Override
    protected SettingsValues clone() {
        try {
            return (SettingsValues) super.clone(); // every value is immutable: a shallow copy is a copy
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
