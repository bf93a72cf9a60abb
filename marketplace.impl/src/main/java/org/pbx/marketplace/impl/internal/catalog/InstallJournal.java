package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.pbx.marketplace.impl.internal.AtomicFiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an install, update or removal is about to do to the framework, on disk before it does it:
 * the framework persists each step (install, update, start; stop, uninstall) on its own, so a
 * crash between them would leave a module half installed. The file exists only while an
 * operation runs; one left over at start means the host died in the middle: an install or update
 * is rolled back, a removal completed.
 */
final class InstallJournal {

    /** One module of the operation's plan; public fields for Jackson. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Entry {
        /** The module's id (its Bundle-SymbolicName). */
        public String moduleId;
        /** The bundle location the installer uses for it. */
        public String location;
        /** The version installed before, or null when the module was new (or is being removed). */
        public String previousVersion;
        /** The previous version's jar (kept by the installer), or null: then the rollback removes the module. */
        public String previousJar;

        Entry() {
        }

        Entry(String moduleId, String location, String previousVersion, Path previousJar) {
            this.moduleId = moduleId;
            this.location = location;
            this.previousVersion = previousVersion;
            this.previousJar = previousJar == null ? null : previousJar.toString();
        }
    }

    /** The file's content. */
    static final class Content {
        public List<Entry> entries = new ArrayList<>();
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    InstallJournal(Path file) {
        this.file = file;
    }

    /** The entries of an operation that did not end, or an empty list. */
    List<Entry> leftover() throws IOException {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), Content.class).entries;
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /**
     * Writes the entries (temp file, fsync, atomic rename, fsync of the folder): after a crash the
     * journal is the previous one or this one, never a torn file.
     */
    void write(List<Entry> entries) throws IOException {
        Content content = new Content();
        content.entries = new ArrayList<>(entries);
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(content));
    }

    /** The operation ended (done or rolled back): nothing to recover. */
    void clear() throws IOException {
        Files.deleteIfExists(file);
        AtomicFiles.syncFolder(file.getParent());
    }
}
