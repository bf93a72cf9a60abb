package org.pbx.marketplace.impl.internal.catalog;

import java.util.UUID;

import org.pbx.marketplace.api.dto.OperationDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * One install, update or uninstall as it progresses; written by the worker, read by anyone.
 */
final class Operation {

    final String id = UUID.randomUUID().toString();
    final String moduleId;
    final String kind;
    final String version;
    final long startedAt;

    private String state = "RUNNING";
    private String step = "METADATA";
    private long bytesDone;
    private long bytesTotal;
    private int percent;
    private ReasonDTO error;
    private long finishedAt;

    Operation(String moduleId, String kind, String version, long now) {
        this.moduleId = moduleId;
        this.kind = kind;
        this.version = version;
        this.startedAt = now;
    }

    /** When it ended, or 0 while it runs. */
    synchronized long finishedAt() {
        return finishedAt;
    }

    synchronized void step(String name, int atPercent) {
        step = name;
        percent = Math.max(percent, atPercent);
    }

    synchronized void download(long done, long total) {
        bytesDone = done;
        bytesTotal = total;
        percent = Math.max(percent, 10 + (int) (70 * done / Math.max(1, total)));
    }

    synchronized void succeed(long now) {
        state = "SUCCEEDED";
        step = "DONE";
        percent = 100;
        finishedAt = now;
    }

    synchronized void fail(ReasonDTO reason, long now) {
        state = "FAILED";
        error = reason;
        finishedAt = now;
    }

    synchronized boolean running() {
        return "RUNNING".equals(state);
    }

    synchronized OperationDTO toDTO() {
        OperationDTO dto = new OperationDTO();
        dto.id = id;
        dto.moduleId = moduleId;
        dto.kind = kind;
        dto.version = version;
        dto.state = state;
        dto.step = step;
        dto.bytesDone = bytesDone;
        dto.bytesTotal = bytesTotal;
        dto.percent = percent;
        dto.error = error;
        dto.startedAt = startedAt;
        dto.finishedAt = finishedAt;
        return dto;
    }
}
