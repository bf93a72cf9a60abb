package org.pbx.marketplace.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The table as Markdown on the console and as JSON under target/. */
final class Report {

    private Report() {
    }

    static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder("| figure | ours | baseline | ratio | goal | met |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append("| ").append(String.join(" | ", r.figure, r.ours, r.baseline, r.ratio, r.goal, r.met)).append(" |\n");
        }
        return out.toString();
    }

    /** @param commit the commit the bench started on, see {@link #commit(Path)} */
    static void writeJson(Path file, List<Row> rows, long elapsedMillis, String commit) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("measuredAt", Instant.now().toString());
        doc.put("commit", commit);
        doc.put("machine", machine());
        doc.put("elapsedSeconds", elapsedMillis / 1000);
        // What ran beside the bench (e.g. "two other builds running"): part of reading its numbers.
        doc.put("note", System.getProperty("bench.note", ""));
        doc.put("rows", rows);
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return machine;
    }

    /**
     * The commit the bench runs on, from git in the folder of the results (the module's target/), with
     * "+changes" if tracked files differed from it; "unknown" outside a git work tree. Asked when the bench
     * starts: an edit made while it runs (the README, say) is not what it measured.
     */
    static String commit(Path folder) {
        String head = git(folder, "rev-parse", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        return head + (git(folder, "status", "--porcelain", "--untracked-files=no").isEmpty() ? "" : "+changes");
    }

    private static String git(Path folder, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", folder.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
