package org.pbx.marketplace.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Puts a bench run's table into the README, so no figure there is typed by hand: each region
 * {@code <!-- bench-table STEP -->} … {@code <!-- /bench-table -->} gets the rows of that step
 * from bench-results.json, under a line saying when, where and beside what they were measured.
 * Regions of steps the file does not hold stay as they are.
 *
 * <pre>java -cp marketplace.bench/target/benchmarks.jar org.pbx.marketplace.bench.ReadmeTable \
 *     marketplace.bench/target/bench-results.json README.md</pre>
 */
public final class ReadmeTable {
    private static final Pattern REGION = Pattern.compile("(<!-- bench-table ([^>]+?) -->\\n)(.*?)(<!-- /bench-table -->)", Pattern.DOTALL);

    private ReadmeTable() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ReadmeTable bench-results.json README.md");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Path readme = Path.of(args[1]);
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        Matcher m = REGION.matcher(text);
        StringBuilder out = new StringBuilder();
        int replaced = 0;
        while (m.find()) {
            String step = m.group(2).trim();
            List<Row> rows = rows(results, step);
            String body = rows.isEmpty() ? m.group(3) : caption(results) + "\n\n" + Report.markdown(rows);
            replaced += rows.isEmpty() ? 0 : 1;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + body + m.group(4)));
        }
        m.appendTail(out);
        Files.writeString(readme, out.toString(), StandardCharsets.UTF_8);
        System.out.println(replaced + " table(s) of " + args[1] + " rewritten from " + args[0]);
    }

    private static List<Row> rows(JsonNode results, String step) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : results.path("rows")) {
            if (step.equals(r.path("step").asText())) {
                rows.add(new Row(r.path("figure").asText(), r.path("ours").asText(), r.path("baseline").asText(),
                        r.path("ratio").asText(), r.path("goal").asText(), r.path("met").asText()));
            }
        }
        return rows;
    }

    private static String caption(JsonNode results) {
        JsonNode machine = results.path("machine");
        String note = results.path("note").asText("");
        String commit = results.path("commit").asText("unknown");
        return "Run of " + results.path("measuredAt").asText().substring(0, 16).replace('T', ' ') + " UTC on commit "
                + (commit.length() >= 12 ? commit.substring(0, 12) + commit.substring(40) : commit) + ", "
                + machine.path("cpu").asText() + ", " + machine.path("cores").asInt() + " cores, "
                + machine.path("jvm").asText() + ", " + results.path("elapsedSeconds").asLong() + " s"
                + (note.isEmpty() ? "" : "; " + note) + ":";
    }
}
