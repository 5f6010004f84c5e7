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
