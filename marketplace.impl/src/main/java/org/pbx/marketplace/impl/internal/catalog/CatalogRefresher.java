package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

/**
 * Fetches the signed catalog: on demand, and in the background every refresh interval, sooner
 * (15 s, doubling) after a failure. One fetch at a time; the view it produces replaces the last
 * one whole, and a failed fetch keeps the last good catalog, marked with why it is stale.
 */
final class CatalogRefresher {

    /** The vendor server inside the host may start after us: the first retry comes soon. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(15);

    private final VendorChannel channel;
    private final CatalogFetcher fetcher;
    private final CatalogCache cache;
    private final Supplier<CatalogView> view;
    private final Consumer<CatalogView> publish;
    private final Duration interval;
    private final Logger logger;
    private final Object fetchLock = new Object();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "marketplace-catalog");
        thread.setDaemon(true);
        return thread;
    });
    /** Wait before the next try after a failed background refresh; doubles up to the refresh interval. */
    private Duration retry = FIRST_RETRY;

    CatalogRefresher(VendorChannel channel, CatalogFetcher fetcher, CatalogCache cache, Supplier<CatalogView> view,
                     Consumer<CatalogView> publish, Duration interval, Logger logger) {
        this.channel = channel;
        this.fetcher = fetcher;
        this.cache = cache;
        this.view = view;
        this.publish = publish;
        this.interval = interval;
        this.logger = logger;
    }

    void start() {
        refresher.execute(this::background);
    }

    void stop() {
        refresher.shutdownNow();
    }

    /** Fetches and verifies the catalog now; the new view is published before this returns. */
    void refresh() throws CatalogException {
        synchronized (fetchLock) {
            CatalogView current = view.get();
            VendorChannel.Connection connection;
            try {
                connection = channel.connection();
            } catch (LicenseException e) {
                publish.accept(current.failed(CatalogReason.SERVER_DOWN.dto(e.reason().message.get("en"))));
                throw CatalogReason.SERVER_DOWN.exception(e.reason().message.get("en"));
            }
            try {
                CatalogFetcher.Fetched fetched = fetcher.fetch(connection, current.version(), System.currentTimeMillis());
                publish.accept(current.accepted(fetched, cache, System.currentTimeMillis()));
            } catch (CatalogException e) {
                publish.accept(current.failed(e.reason()));
                logger.warn("The catalog was not updated: " + e.reason().code);
                throw e;
            } catch (IOException e) {
                logger.error("The verified catalog could not be saved: " + e.getMessage());
                throw CatalogReason.SERVER_DOWN.exception("the catalog could not be saved: " + e.getMessage());
            }
        }
    }

    private void background() {
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
            refresher.schedule(this::background, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Deactivated meanwhile: no more refreshes.
        }
    }
}
