package dlnb.display;

import dlnb.Args;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Renders Tablesaw tables as HTML, Markdown (pipe table, for PDF export) and plain text. */
final class Tables {
    /** Rows shown before the rest is summarised as "… N more rows". */
    static final int MAX_ROWS = 40;

    private Tables() {
    }

    /**
     * A table with one row per record and one column per record component, in declaration order: whole numbers
     * (int, long and their boxes, short, byte) as integer columns, float and double as decimal columns, booleans
     * as "yes"/"no", anything else as text (null as an empty cell). Column names are the component names, or
     * {@code headers} (one per component) where a name needs spaces or symbols.
     */
    static Table of(String title, List<? extends Record> rows, String... headers) {
        Args.notNull("title", title);
        Args.notEmpty("rows", rows);
        Class<?> type = Args.notNull("rows[0]", rows.get(0)).getClass();
        for (int r = 0; r < rows.size(); r++) {
            Args.check(rows.get(r) != null && rows.get(r).getClass() == type, "table \"" + title + "\": row " + r + " is "
                    + (rows.get(r) == null ? "null" : "a " + rows.get(r).getClass().getSimpleName()) + ", every row must be a " + type.getSimpleName());
        }
        RecordComponent[] components = type.getRecordComponents();
        Args.check(headers.length == 0 || headers.length == components.length, "table \"" + title + "\": " + headers.length
                + " headers for the " + components.length + " components of " + type.getSimpleName() + "; give one per component or none");
        Table table = Table.create(title);
        for (int c = 0; c < components.length; c++) {
            table.addColumns(column(headers.length > 0 ? headers[c] : components[c].getName(), components[c], rows));
        }
        return table;
    }

    private static final Set<Class<?>> WHOLE = Set.of(int.class, Integer.class, short.class, Short.class, byte.class, Byte.class);
    private static final Set<Class<?>> LONG = Set.of(long.class, Long.class);
    private static final Set<Class<?>> DECIMAL = Set.of(double.class, Double.class, float.class, Float.class);

    private static Column<?> column(String name, RecordComponent component, List<? extends Record> rows) {
        Class<?> t = component.getType();
        Column<?> column = WHOLE.contains(t) ? IntColumn.create(name) : LONG.contains(t) ? LongColumn.create(name)
                : DECIMAL.contains(t) ? DoubleColumn.create(name) : StringColumn.create(name);
        Method accessor = component.getAccessor();
        accessor.setAccessible(true); // records declared in a notebook cell are nested in JShell's wrapper classes
        for (int r = 0; r < rows.size(); r++) {
            Object v;
            try {
                v = accessor.invoke(rows.get(r));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not read " + component.getName() + " of row " + r + ": " + e, e);
            }
            column.appendObj(cellValue(v, t));
        }
        return column;
    }

    /** A component's value as its column stores it (null is a missing cell). */
    private static Object cellValue(Object v, Class<?> type) {
        if (v == null) {
            return null;
        }
        if (WHOLE.contains(type)) {
            return ((Number) v).intValue();
        }
        if (DECIMAL.contains(type)) {
            return ((Number) v).doubleValue();
        }
        if (LONG.contains(type)) {
            return v;
        }
        return v instanceof Boolean b ? (b ? "yes" : "no") : v.toString();
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
        List<String[]> cells = cells(table, shown);
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (int j = 0; j < table.columnCount(); j++) {
                sb.append(numeric(table.column(j)) ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(cells.get(j)[r])).append("</td>");
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
        int shown = Math.min(table.rowCount(), MAX_ROWS);
        List<String[]> cells = cells(table, shown);
        sb.append('|');
        for (Column<?> c : table.columns()) {
            sb.append(' ').append(c.name().replace("|", "\\|")).append(" |");
        }
        // Pandoc sizes the columns of a wide table by these dashes: one per character of the widest entry,
        // so long names get room instead of wrapping a letter group per line.
        sb.append("\n|");
        for (int j = 0; j < table.columnCount(); j++) {
            int width = table.column(j).name().length();
            for (String cell : cells.get(j)) {
                width = Math.max(width, cell.length());
            }
            String dashes = "-".repeat(Math.max(3, width));
            sb.append(numeric(table.column(j)) ? dashes + ":|" : dashes + "|");
        }
        for (int r = 0; r < shown; r++) {
            sb.append("\n|");
            for (int j = 0; j < table.columnCount(); j++) {
                sb.append(' ').append(cells.get(j)[r].replace("|", "\\|")).append(" |");
            }
        }
        if (table.rowCount() > shown) {
            sb.append("\n\n… ").append(table.rowCount() - shown).append(" more rows");
        }
        return sb.append('\n').toString();
    }

    /** The first {@code shown} rows of each column as text, column by column (see {@link #column}). */
    static List<String[]> cells(Table table, int shown) {
        List<String[]> cells = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            cells.add(column(c, shown));
        }
        return cells;
    }

    /**
     * A column's first {@code shown} cells. A column of decimals shares one format, so its numbers line up and
     * compare at a glance (0.6450 beside 0.6025, not 0.645): as many decimals as the value needing the most
     * takes for 4 significant digits (at most 6), or scientific notation for all when a value is below 0.001 or
     * from a million up. Whole numbers stay exact (143,667,240); other types print as Tablesaw prints them.
     */
    static String[] column(Column<?> column, int shown) {
        String[] out = new String[shown];
        boolean decimals = column.type().name().matches("DOUBLE|FLOAT");
        boolean whole = true;
        boolean scientific = false;
        int places = 0;
        for (int r = 0; decimals && r < shown; r++) {
            if (column.isMissing(r)) {
                continue;
            }
            double v = ((Number) column.get(r)).doubleValue();
            double a = Math.abs(v);
            if (!Double.isFinite(v) || v == 0) {
                continue;
            }
            whole &= v == Math.rint(v) && a < 1e15;
            scientific |= a < 1e-3 || a >= 1e6;
            places = Math.max(places, Math.min(6, 3 - (int) Math.floor(Math.log10(a))));
        }
        for (int r = 0; r < shown; r++) {
            if (column.isMissing(r)) {
                out[r] = "";
            } else if (!decimals) {
                out[r] = column.getString(r);
            } else {
                double v = ((Number) column.get(r)).doubleValue();
                out[r] = !Double.isFinite(v) ? Double.toString(v)
                        : whole ? String.format(Locale.ROOT, "%,d", (long) v)
                        : scientific ? (v == 0 ? "0" : String.format(Locale.ROOT, "%.3e", v))
                        : String.format(Locale.ROOT, "%,." + places + "f", v);
            }
        }
        return out;
    }

    private static boolean numeric(Column<?> c) {
        return c.type().name().matches("DOUBLE|FLOAT|INTEGER|LONG|SHORT");
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
