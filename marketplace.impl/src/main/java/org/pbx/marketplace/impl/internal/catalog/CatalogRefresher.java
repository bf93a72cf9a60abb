package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Version;
import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.protocol.ProtocolException;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

/**
 * Keeps the catalog view current: the stored catalog verified at start, fetched again on a schedule
 * (retried sooner after a failure), at once when the trust root changes, and on demand; a catalog
 * signed by a key the vendor no longer trusts is dropped.
 */
final class CatalogRefresher {

    /**
     * A server that was not up yet (the demo host's own, whose servlet the web server adds moments after the
     * trust root is pinned) is retried soon, doubling up to the refresh interval: 0.25 s, 0.5 s, 1 s, …
     * The usual first-start wait, for the trust root to be configured, needs no retry: the trust listener
     * fetches at once.
     */
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    /** Longer than a rollback's refresh may take (30 s); past it the catalog serves what it has. */
    static final Duration WAIT = Duration.ofSeconds(45);

    private final VendorChannel channel;
    private final Logger logger;
    private final CatalogCache cache;
    private final CatalogFetcher fetcher;
    private final Version hostVersion;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "marketplace-catalog"));
    private final Object fetchLock = new Object();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final Runnable trustChanged = () -> {
        try {
            scheduler.execute(this::refreshSoon);
        } catch (RejectedExecutionException e) {
            // Stopped meanwhile.
        }
    };

    private volatile CatalogView view;
    /** Told after a catalog was accepted or loaded from the store (AdvisoryWatch looks again); never blocks. */
    private volatile Runnable onAccepted = () -> { };
    /** The trust root version the shown catalog was last verified against; -1: not yet since the start. */
    private long verifiedUnder = -1;
    /** Wait before the next try after a failed background refresh; doubles up to the refresh interval. */
    private Duration retry = FIRST_RETRY;

    CatalogRefresher(VendorChannel channel, Logger logger, CatalogCache cache, CatalogFetcher fetcher,
                     Version hostVersion, Duration interval) {
        this.channel = channel;
        this.logger = logger;
        this.cache = cache;
        this.fetcher = fetcher;
        this.hostVersion = hostVersion;
        this.interval = interval;
        this.view = CatalogView.empty(hostVersion);
    }

    /** Off the activating thread: the trust root that verifies the stored catalog may not be bound yet. */
    void start() {
        scheduler.execute(() -> {
            loadStored();
            backgroundRefresh();
        });
        channel.onTrustChange(trustChanged);
    }

    void onAccepted(Runnable listener) {
        onAccepted = listener;
    }

    void stop() {
        channel.removeTrustListener(trustChanged);
        scheduler.shutdownNow();
    }

    /** The view now; after the stored catalog was loaded (or the wait for it ended, said in the log). */
    CatalogView view() {
        await(loaded, "the stored catalog to be verified", logger);
        return view;
    }

    /** Fetches the catalog now; a failure is kept on the view (shown as stale) and thrown. */
    CatalogView refresh() throws CatalogException {
        await(loaded, "the stored catalog to be verified", logger);
        synchronized (fetchLock) {
            CatalogView current = view;
            VendorChannel.Connection connection;
            try {
                connection = channel.connection();
            } catch (LicenseException e) {
                // The license side's reason as it is (no trust root, root expired, bad URL): one reason, not one inside another.
                view = current.failed(e.reason());
                throw new CatalogException(e.reason());
            }
            if (connection.trustVersion != verifiedUnder) {
                current = reverify(current, connection);
                view = current;
            }
            try {
                CatalogFetcher.Fetched fetched = fetcher.fetch(connection, current.version(), current.issuedAt(),
                        System.currentTimeMillis());
                view = current.accepted(fetched, cache, System.currentTimeMillis());
                onAccepted.run();
                return view;
            } catch (CatalogException e) {
                view = current.failed(e.reason());
                logger.warn("The catalog was not updated: " + e.reason().code);
                throw e;
            } catch (IOException e) {
                throw CatalogReason.SERVER_DOWN.exception("the catalog could not be saved: " + e.getMessage());
            }
        }
    }

    /**
     * The shown catalog checked again under a new trust root: signed by a key the vendor revoked or rotated away,
     * it is dropped (its version stays, against rollbacks) and the fetch that follows brings the re-signed one.
     */
    private CatalogView reverify(CatalogView current, VendorChannel.Connection connection) {
        verifiedUnder = connection.trustVersion;
        try {
            CatalogCache.Entry entry = cache.load();
            if (entry.catalog == null) {
                return current;
            }
            try {
                connection.verifier.verify(entry.catalog, "pbx-catalog");
                return current;
            } catch (ProtocolException e) {
                logger.info("The stored catalog version " + entry.version + " does not verify under trust root version "
                        + connection.trustVersion + " (" + e.getMessage() + "); it is no longer shown, fetching the current one");
                CatalogCache.Entry floor = new CatalogCache.Entry();
                floor.version = entry.version;
                cache.save(floor);
                return current.distrusted(CatalogReason.CATALOG_UNTRUSTED.dto(e.getMessage()));
            }
        } catch (IOException e) {
            logger.warn("The stored catalog could not be checked again: " + e.getMessage());
            return current;
        }
    }

    /** After the trust root changed: fetch now; a failure is shown as usual and the regular retries follow. */
    private void refreshSoon() {
        try {
            refresh();
        } catch (CatalogException e) {
            // Logged and shown on the page by refresh(); backgroundRefresh keeps its own schedule.
        } catch (RuntimeException e) {
            logger.error("Catalog refresh after a trust root change failed", e);
        }
    }

    /** The stored catalog, verified with the vendor keys known now (CatalogView.load). */
    private void loadStored() {
        try {
            VendorChannel.Connection connection;
            try {
                connection = channel.connection();
            } catch (LicenseException e) {
                connection = null;
            }
            CatalogView stored = CatalogView.load(cache, connection == null ? null : connection.verifier, hostVersion, logger);
            synchronized (fetchLock) {
                if (view.version() == 0) {
                    view = stored;
                    // Verified under this root just now: the first refresh need not check it again.
                    verifiedUnder = connection == null ? -1 : connection.trustVersion;
                }
            }
        } catch (RuntimeException e) {
            logger.error("The stored catalog could not be loaded", e);
        } finally {
            loaded.countDown();
            onAccepted.run();
        }
    }

    private void backgroundRefresh() {
        Duration next = interval;
        try {
            refresh();
            retry = FIRST_RETRY;
        } catch (CatalogException e) {
            // Already logged and shown as stale; try again sooner than the regular interval.
            next = retry.compareTo(interval) < 0 ? retry : interval;
            retry = retry.multipliedBy(2);
        } catch (RuntimeException e) {
            logger.error("Catalog refresh failed", e);
        }
        try {
            scheduler.schedule(this::backgroundRefresh, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopped meanwhile: no more refreshes.
        }
    }

    /** Waits at most {@link #WAIT}; a longer wait is said in the log and the caller goes on. */
    static void await(CountDownLatch latch, String what, Logger logger) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("Waited " + WAIT.toSeconds() + " s for " + what + "; going on without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
