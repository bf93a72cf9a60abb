package org.pbx.marketplace.server.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Marketplace vendor server",
        description = "The reference license authority, module catalog and client cabinet served by this host at /vendor.")
public @interface VendorServerConfiguration {

    @AttributeDefinition(name = "Enabled",
            description = "Serve the vendor server at /vendor. When off, every request there gets error 9001"
                    + " and the data folder is not opened.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Data folder",
            description = "Database, vendor signing key, catalog source and module files. Empty: the framework"
                    + " property pbx.data plus /vendor-server, or ./vendor-data when pbx.data is unset.")
    String dataFolder() default "";

    @AttributeDefinition(name = "Token lifetime (seconds)",
            description = "exp minus iat of license tokens and refusals; nonces are remembered this long.")
    long tokenLifetimeSeconds() default 86_400;

    @AttributeDefinition(name = "Offline grace (seconds)",
            description = "offlineUntil minus iat of license tokens: how long a PBX may work without reaching the server.")
    long offlineGraceSeconds() default 604_800;

    @AttributeDefinition(name = "Catalog lifetime (seconds)",
            description = "exp minus iat of the signed catalog and timestamp; they are re-signed at half this age.")
    long catalogLifetimeSeconds() default 86_400;

    @AttributeDefinition(name = "Cabinet session idle time (seconds)",
            description = "A client cabinet session ends after this long without a request.")
    long sessionIdleSeconds() default 1_800;

    @AttributeDefinition(name = "Public URL",
            description = "The base URL letters link to (the cabinet is below it). Empty: http://localhost:PORT/vendor"
                    + " with the framework property org.osgi.service.http.port.")
    String publicUrl() default "";

    @AttributeDefinition(name = "SMTP host",
            description = "SMTP server for the registration and lost-key letters. Empty: mail is off.")
    String smtpHost() default "";

    @AttributeDefinition(name = "SMTP port", description = "0: the usual port of the security (25, 587, 465).")
    int smtpPort() default 0;

    @AttributeDefinition(name = "SMTP security",
            description = "NONE, STARTTLS (required, not opportunistic) or SMTPS (TLS from the start).")
    String smtpSecurity() default "STARTTLS";

    @AttributeDefinition(name = "SMTP user", description = "Empty: no authentication.")
    String smtpUser() default "";

    @AttributeDefinition(name = "SMTP password", type = AttributeType.PASSWORD,
            description = "Password of the SMTP user. Empty: none.")
    String smtpPassword() default "";

    @AttributeDefinition(name = "Sender address",
            description = "From of every letter, e.g. Licensing <licenses@vendor.example>. Required with an SMTP host.")
    String mailFrom() default "";

    @AttributeDefinition(name = "Admin token", type = AttributeType.PASSWORD,
            description = "Opens the vendor's admin API under /vendor/admin/ (products, coupons, releases; docs/vendor-admin.md)"
                    + " and /vendor/cabinet/outbox (mail outbox counts). Empty: neither exists.")
    String adminToken() default "";

    @AttributeDefinition(name = "Demo data",
            description = "Seed an empty data folder with the demo vendor (products, demo coupons, demo catalog; docs/protocol.md §8.4)."
                    + " Off: the server starts with no products and logs how to create them (docs/vendor-admin.md)."
                    + " Also on when the framework property pbx.vendor.demoData is true (the demo host and the test runtime set it).")
    boolean demoData() default false;

    @AttributeDefinition(name = "Registrations per client address per hour",
            description = "More registrations from one client address within an hour get 429 with error 7004 and"
                    + " Retry-After. 1 to 1000; 0 switches the limit off (load tests only).")
    int registrationsPerClientPerHour() default 20;

    @AttributeDefinition(name = "Letters per e-mail address per day",
            description = "At most this many registrations and lost-key letters for one e-mail address within 24"
                    + " hours; more registrations get 429 with error 7004, more lost-key requests send nothing. 1 to 1000; 0: off.")
    int lettersPerAddressPerDay() default 10;

    @AttributeDefinition(name = "Sent letters kept (days)",
            description = "Sent and given-up letters are deleted from the outbox after this many days.")
    int sentLetterRetentionDays() default 30;
}
