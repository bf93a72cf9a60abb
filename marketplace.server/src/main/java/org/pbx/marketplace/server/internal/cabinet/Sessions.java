package org.pbx.marketplace.server.internal.cabinet;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cabinet sessions, in memory: a restart only logs owners out. Idle sessions expire; the id is
 * 256 random bits, and expired ids are remembered as expired only until they are seen once.
 */
final class Sessions {
    static final class Session {
        final long licenseId;
        final String licenseKey;
        long expiresAt;
        String flash;

        Session(long licenseId, String licenseKey, long expiresAt) {
            this.licenseId = licenseId;
            this.licenseKey = licenseKey;
            this.expiresAt = expiresAt;
        }
    }

    /** Lookup outcome: a live session, an expired one (to say so), or none. */
    record Lookup(Session session, boolean expired) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idle;

    Sessions(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    Duration idle() {
        return idle;
    }

    String create(long licenseId, String licenseKey) {
        byte[] id = new byte[32];
        random.nextBytes(id);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.put(token, new Session(licenseId, licenseKey, now() + idle.toSeconds()));
        return token;
    }

    Lookup find(String token) {
        if (token == null) {
            return new Lookup(null, false);
        }
        Session session = sessions.get(token);
        if (session == null) {
            return new Lookup(null, false);
        }
        long now = now();
        if (session.expiresAt <= now) {
            sessions.remove(token);
            return new Lookup(null, true);
        }
        session.expiresAt = now + idle.toSeconds();
        sweep(now);
        return new Lookup(session, false);
    }

    void remove(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    private void sweep(long now) {
        if (sessions.size() > 10_000) {
            sessions.values().removeIf(s -> s.expiresAt <= now);
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
