package org.pbx.marketplace.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the console: left-aligned columns wide enough for their longest cell,
 * a rule under the header. Plain characters only, so it survives any SSH terminal and a pipe.
 */
final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    Table row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + columns);
        }
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) {
            text[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(text);
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        append(out, rows.get(0), widths);
        for (int i = 0; i < columns; i++) {
            out.append("-".repeat(widths[i])).append(i + 1 < columns ? "  " : "\n");
        }
        for (String[] row : rows.subList(1, rows.size())) {
            append(out, row, widths);
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            line.append(row[i]);
            if (i + 1 < row.length) {
                line.append(" ".repeat(widths[i] - row[i].length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
