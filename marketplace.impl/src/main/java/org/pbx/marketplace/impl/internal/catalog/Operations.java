package org.pbx.marketplace.impl.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.log.Logger;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.dto.OperationDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * Installs, updates and removals as operations: one at a time per module, run on worker threads,
 * followed by id until well after they ended; each ending logged with its reason.
 */
final class Operations {

    static final int ENDED_KEPT = 100;

    /** The operation's work; a failure is its CatalogException. */
    interface Work {
        void run(Operation op) throws CatalogException;
    }

    private final Logger logger;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> CatalogRefresher.daemon(r, "marketplace-install"));
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, Operation> busy = new ConcurrentHashMap<>();

    Operations(Logger logger) {
        this.logger = logger;
    }

    /** Runs a task of the catalog itself (its recovery) on a worker. */
    void execute(Runnable task) {
        workers.execute(task);
    }

    void stop() {
        workers.shutdownNow();
    }

    OperationDTO get(String operationId) {
        Operation op = operations.get(operationId);
        return op == null ? null : op.toDTO();
    }

    /** Starts the work on a worker; BUSY when another operation on the module runs. */
    OperationDTO start(String moduleId, String kind, String version, Work work) throws CatalogException {
        Operation op = new Operation(moduleId, kind, version, System.currentTimeMillis());
        if (busy.putIfAbsent(moduleId, op) != null) {
            throw CatalogReason.BUSY.exception(moduleId);
        }
        forgetOldOperations();
        operations.put(op.id, op);
        workers.execute(() -> run(op, work));
        return op.toDTO();
    }

    private void run(Operation op, Work work) {
        String what = op.kind + " of " + op.moduleId;
        ReasonDTO failure = null;
        try {
            work.run(op);
            logger.info(what + (op.version == null ? "" : " " + op.version) + " done");
        } catch (CatalogException e) {
            failure = e.reason();
            logger.warn(what + " failed: " + e.reason().code + (e.reason().technical == null ? "" : " (" + e.reason().technical + ")"));
        } catch (RuntimeException e) {
            failure = CatalogReason.START_FAILED.dto(op.moduleId, e.toString());
            logger.error(what + " failed", e);
        } finally {
            // Free the module before the operation reads as finished: whoever saw it finish may start the next one.
            busy.remove(op.moduleId, op);
        }
        if (failure == null) {
            op.succeed(System.currentTimeMillis());
        } else {
            op.fail(failure, System.currentTimeMillis());
        }
    }

    /**
     * Ended operations stay readable, for the page and the console that follow them, but only the
     * newest {@link #ENDED_KEPT}: a PBX that installs and removes modules for years must not
     * keep every one (found by LoadIT's memory check).
     */
    private void forgetOldOperations() {
        List<Operation> ended = new ArrayList<>();
        for (Operation op : operations.values()) {
            if (op.finishedAt() != 0) {
                ended.add(op);
            }
        }
        if (ended.size() > ENDED_KEPT) {
            ended.sort(Comparator.comparingLong(Operation::finishedAt));
            ended.subList(0, ended.size() - ENDED_KEPT).forEach(old -> operations.remove(old.id));
        }
    }
}
