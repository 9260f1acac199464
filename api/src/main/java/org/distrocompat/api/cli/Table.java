package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.util.List;

/** Plain-text tables with columns padded to their widest cell. */
final class Table {
    private Table() {
    }

    public static void print(PrintWriter out, List<String[]> rows) {
        int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i] == null ? 1 : r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String cell = r[i] == null ? "-" : r[i];
                sb.append(cell);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }
}
