package org.pbx.marketplace.api.dto;

import org.osgi.dto.DTO;

/**
 * An install, update or uninstall, as it progresses.
 */
public class OperationDTO extends DTO {
    /** The operation's id. */
    public String id;
    /** The module it acts on. */
    public String moduleId;
    /** {@code INSTALL}, {@code UPDATE}, {@code DOWNGRADE} (to an earlier release) or {@code UNINSTALL}. */
    public String kind;
    /** The release being installed, or null for an uninstall. */
    public String version;
    /** {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}. */
    public String state;
    /**
     * An install or update: {@code METADATA}, {@code LICENSE}, {@code DOWNLOAD}, {@code VERIFY}, {@code INSTALL},
     * {@code START}, {@code DONE} (a downgrade says {@code DOWNGRADE} instead of {@code INSTALL}); an uninstall: {@code REMOVE} (the module stopped and removed), {@code DONE}.
     */
    public String step;
    /** Bytes downloaded so far. */
    public long bytesDone;
    /** Bytes to download. */
    public long bytesTotal;
    /** Overall progress, 0 to 100. */
    public int percent;
    /** Why it failed, or null. */
    public ReasonDTO error;
    /** When it started and finished, epoch millis (finishedAt 0 while running). */
    public long startedAt;
    /** When it finished, epoch millis; 0 while running. */
    public long finishedAt;
}
