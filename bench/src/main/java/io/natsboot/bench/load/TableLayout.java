package io.natsboot.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays a table out as aligned text or as Markdown. The first and third columns (scenario, metric) and the last
 * (notes) hold words; the others hold figures, right-aligned.
 */
final class TableLayout {

    private TableLayout() {
    }

    static String text(List<String> head, List<List<String>> lines) {
        int cols = head.size();
        int[] w = new int[cols];
        for (int i = 0; i < cols; i++) {
            w[i] = head.get(i).length();
            for (List<String> l : lines) {
                if (i < cols - 1) {
                    w[i] = Math.max(w[i], l.get(i).length());
                }
            }
        }
        StringBuilder b = new StringBuilder();
        appendLine(b, head, w, false);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < cols; i++) {
            rule.add("-".repeat(i == cols - 1 ? Math.max(5, w[i]) : w[i]));
        }
        appendLine(b, rule, w, false);
        for (List<String> l : lines) {
            appendLine(b, l, w, true);
        }
        return b.toString();
    }

    private static void appendLine(StringBuilder b, List<String> cells, int[] w, boolean alignNumbers) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean last = i == cells.size() - 1;
            // scenario and metric left, figures right, notes as they come
            boolean right = alignNumbers && i != 0 && i != 2 && !last;
            if (i > 0) {
                line.append("  ");
            }
            if (last) {
                line.append(c);
            } else if (right) {
                line.append(" ".repeat(w[i] - c.length())).append(c);
            } else {
                line.append(c).append(" ".repeat(w[i] - c.length()));
            }
        }
        b.append(line.toString().stripTrailing()).append('\n');
    }

    static String markdown(List<String> head, List<List<String>> lines) {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", head)).append(" |\n|");
        for (int i = 0; i < head.size(); i++) {
            b.append(i == 0 || i == 2 || i == head.size() - 1 ? " --- |" : " ---: |");
        }
        b.append('\n');
        for (List<String> l : lines) {
            b.append("| ");
            List<String> esc = l.stream().map(s -> s.replace("|", "\\|")).toList();
            b.append(String.join(" | ", esc)).append(" |\n");
        }
        return b.toString();
    }
}
