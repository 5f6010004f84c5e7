package dlnb.data;

import dlnb.Args;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads dense ARFF files (Weka's format, used by OpenML) with numeric and nominal attributes.
 * Nominal values become their index in the declared list; "?" becomes NaN. String, date, relational
 * and sparse data are rejected with a message, since no data set of the course needs them.
 *
 * <p>Strict where a lax reading would turn into silent NaNs later: numbers must be plain decimals
 * (no NaN, Infinity, hex floats or values beyond the double range), attribute names unique, nominal
 * value lists non-empty and without repeats. Every message names the source, the line and the value.
 */
public final class Arff {
    private Arff() {
    }

    /** One attribute: numeric when {@code values} is empty, nominal otherwise. */
    public record Attribute(String name, List<String> values) {
        public boolean isNominal() {
            return !values.isEmpty();
        }
    }

    /** A parsed file: rows[i][j] is attribute j of row i (nominal as value index, missing as NaN). */
    public record Data(String relation, List<Attribute> attributes, double[][] rows) {
        public int index(String attribute) {
            for (int j = 0; j < attributes.size(); j++) {
                if (attributes.get(j).name().equals(attribute)) {
                    return j;
                }
            }
            throw new IllegalArgumentException("attribute \"" + attribute + "\" is not in " + relation + "; it has "
                    + attributes.stream().map(Attribute::name).toList());
        }
    }

    public static Data read(Path file) {
        Args.notNull("file", file);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read ARFF file " + file, e);
        }
    }

    public static Data parse(String text) {
        try {
            return read(new StringReader(Args.notNull("text", text)), "ARFF text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Data read(Reader reader, String source) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String relation = null;
        List<Attribute> attributes = new ArrayList<>();
        Map<String, Integer> declaredAt = new HashMap<>();
        List<double[]> rows = new ArrayList<>();
        boolean data = false;
        int lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("%")) {
                continue;
            }
            String where = source + " line " + lineNo;
            if (!data) {
                String keyword = t.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
                switch (keyword) {
                    case "@relation" -> relation = unquote(t.substring(keyword.length()).strip());
                    case "@attribute" -> {
                        Attribute a = attribute(t.substring(keyword.length()).strip(), where);
                        Integer first = declaredAt.putIfAbsent(a.name(), lineNo);
                        if (first != null) {
                            throw new IllegalArgumentException(where + ": attribute \"" + a.name() + "\" is declared twice"
                                    + " (first on line " + first + "); attribute names must be unique");
                        }
                        attributes.add(a);
                    }
                    case "@data" -> data = true;
                    default -> throw new IllegalArgumentException(where + ": expected @relation, @attribute or @data, got \""
                            + t + "\"");
                }
                continue;
            }
            if (t.startsWith("{")) {
                throw new IllegalArgumentException(where + ": sparse ARFF rows are not supported");
            }
            List<String> fields = split(t, where);
            if (fields.size() != attributes.size()) {
                throw new IllegalArgumentException(where + ": " + fields.size() + " values but " + attributes.size()
                        + " attributes");
            }
            double[] row = new double[fields.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = value(fields.get(j), attributes.get(j), where + " (data row " + (rows.size() + 1) + "), value " + (j + 1));
            }
            rows.add(row);
        }
        if (relation == null || !data) {
            throw new IllegalArgumentException(source + " is not an ARFF file: it lacks "
                    + (relation == null ? "@relation" : "@data"));
        }
        return new Data(relation, List.copyOf(attributes), rows.toArray(new double[0][]));
    }

    private static Attribute attribute(String rest, String where) {
        // name (possibly quoted), then the type
        List<String> nameAndType = splitName(rest, where);
        String name = nameAndType.get(0);
        String type = nameAndType.get(1).strip();
        if (type.startsWith("{")) {
            int close = type.lastIndexOf('}');
            if (close < 0) {
                throw new IllegalArgumentException(where + ": nominal attribute " + name + " lacks its closing '}'");
            }
            List<String> values = split(type.substring(1, close), where);
            if (values.size() == 1 && values.get(0).isBlank()) {
                throw new IllegalArgumentException(where + ": nominal attribute " + name + " declares no values ({})");
            }
            for (int k = 0; k < values.size(); k++) {
                if (values.get(k).isEmpty()) {
                    throw new IllegalArgumentException(where + ": nominal attribute " + name + " has an empty value (position "
                            + (k + 1) + " in " + type.substring(0, close + 1) + ")");
                }
                if (values.indexOf(values.get(k)) < k) {
                    throw new IllegalArgumentException(where + ": nominal attribute " + name + " lists the value \""
                            + values.get(k) + "\" twice");
                }
            }
            return new Attribute(name, List.copyOf(values));
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.equals("numeric") || lower.equals("real") || lower.equals("integer")) {
            return new Attribute(name, List.of());
        }
        throw new IllegalArgumentException(where + ": attribute " + name + " has type " + type
                + "; only numeric, real, integer and nominal attributes are supported");
    }

    private static List<String> splitName(String rest, String where) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(where + ": @attribute without a name");
        }
        char first = rest.charAt(0);
        int end;
        String name;
        if (first == '\'' || first == '"') {
            end = rest.indexOf(first, 1);
            if (end < 0) {
                throw new IllegalArgumentException(where + ": unclosed quote in attribute name");
            }
            name = rest.substring(1, end);
            end++;
        } else {
            end = 0;
            while (end < rest.length() && !Character.isWhitespace(rest.charAt(end)) && rest.charAt(end) != '{') {
                end++;
            }
            name = rest.substring(0, end);
        }
        String type = rest.substring(end).strip();
        if (type.isEmpty()) {
            throw new IllegalArgumentException(where + ": attribute " + name + " has no type");
        }
        return List.of(name, type);
    }

    private static double value(String field, Attribute attribute, String where) {
        if (field.equals("?")) {
            return Double.NaN;
        }
        if (attribute.isNominal()) {
            int k = attribute.values().indexOf(field);
            if (k < 0) {
                throw new IllegalArgumentException(where + ": \"" + field + "\" is not a value of " + attribute.name()
                        + " " + attribute.values());
            }
            return k;
        }
        if (!DECIMAL.matcher(field).matches()) {
            throw new IllegalArgumentException(where + " (attribute " + attribute.name() + "): \"" + field
                    + "\" is not a decimal number" + (NON_FINITE.matcher(field).matches()
                    ? "; NaN and infinities are not data values (write ? for a missing value)" : ""));
        }
        double v = Double.parseDouble(field);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + " (attribute " + attribute.name() + "): " + field
                    + " is too large for a double (beyond " + Double.MAX_VALUE + ")");
        }
        return v;
    }

    /** Plain decimal notation, optionally with an exponent: not Java's NaN, Infinity, hex floats or 1f / 1d suffixes. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

    /** Comma-separated fields, each trimmed and unquoted ('x, y' or "x, y" keeps its comma). */
    static List<String> split(String line, String where) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        char quote = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == '\\' && i + 1 < line.length()) {
                    field.append(line.charAt(++i));
                } else if (ch == quote) {
                    quote = 0;
                } else {
                    field.append(ch);
                }
            } else if ((ch == '\'' || ch == '"') && field.toString().isBlank()) {
                field.setLength(0); // a quote opens a field only at its start
                quote = ch;
                quoted = true;
            } else if (ch == ',') {
                out.add(quoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                quoted = false;
            } else if (!(quoted && Character.isWhitespace(ch))) {
                field.append(ch);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(where + ": unclosed quote");
        }
        out.add(quoted ? field.toString() : field.toString().strip());
        return out;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
