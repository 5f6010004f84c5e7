package dlnb.display;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.Locale;

/** Renders Tablesaw tables as HTML, Markdown (pipe table, for PDF export) and plain text. */
final class Tables {
    /** Rows shown before the rest is summarised as "… N more rows". */
    static final int MAX_ROWS = 40;

    private Tables() {
    }

    static MimeBundle bundle(Table table) {
        return new MimeBundle().put(MimeBundle.HTML, html(table)).put(MimeBundle.MARKDOWN, markdown(table))
                .put(MimeBundle.PLAIN, table.printAll());
    }

    static String html(Table table) {
        StringBuilder sb = new StringBuilder("<table class=\"dlnb-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            sb.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th>").append(escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        int shown = Math.min(table.rowCount(), MAX_ROWS);
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                sb.append(c.type().name().matches("DOUBLE|FLOAT|INTEGER|LONG|SHORT") ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(cell(c, r))).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        if (table.rowCount() > shown) {
            sb.append("<p>… ").append(table.rowCount() - shown).append(" more rows</p>");
        }
        return sb.toString();
    }

    static String markdown(Table table) {
        StringBuilder sb = new StringBuilder();
        if (table.name() != null && !table.name().isBlank()) {
            sb.append("**").append(table.name()).append("**\n\n");
        }
        sb.append('|');
        for (Column<?> c : table.columns()) {
            sb.append(' ').append(c.name().replace("|", "\\|")).append(" |");
        }
        sb.append("\n|");
        for (Column<?> c : table.columns()) {
            sb.append(c.type().name().matches("DOUBLE|FLOAT|INTEGER|LONG|SHORT") ? "---:|" : "---|");
        }
        int shown = Math.min(table.rowCount(), MAX_ROWS);
        for (int r = 0; r < shown; r++) {
            sb.append("\n|");
            for (Column<?> c : table.columns()) {
                sb.append(' ').append(cell(c, r).replace("|", "\\|")).append(" |");
            }
        }
        if (table.rowCount() > shown) {
            sb.append("\n\n… ").append(table.rowCount() - shown).append(" more rows");
        }
        return sb.append('\n').toString();
    }

    /** Whole numbers exactly (with thousands separators), other doubles with 4 significant digits (plain or scientific as fits), everything else as Tablesaw prints it. */
    static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "";
        }
        Object v = column.get(row);
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        return column.getString(row);
    }

    static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v); // counts stay exact: 143,667,240
        }
        if (a >= 1e-3 && a < 1e6) {
            String s = String.format(Locale.ROOT, "%.4g", v);
            return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
