package dlnb.display;

import dlnb.Args;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown written by the notebook's author with computed values filled in, so an answer reads as text but
 * every number in it comes from the run:
 *
 * <pre>{@code
 * Show.markdown(Conclusion.of("CLR reaches **{acc:%}** test accuracy after {epochs} epochs, "
 *         + (gap > 0 ? "ahead of" : "behind") + " the best fixed rate ({best:%}).",
 *         "acc", clrAccuracy, "epochs", clrEpochs, "best", bestFixed));
 * }</pre>
 *
 * <p>A placeholder is {@code {name}} or {@code {name:format}} where {@code name} is one of the given names;
 * braces around anything else stay as written, so LaTeX such as {@code $10^{-6}$} passes through. Every
 * value given must be used (a misspelt placeholder is an error, not a silent blank). Formats:
 * <ul>
 *   <li>none: whole numbers exactly with thousands separators (143,667,240), others to 4 significant digits;</li>
 *   <li>{@code .N}: N decimals ({@code {loss:.3}} gives 0.406);</li>
 *   <li>{@code gN}: N significant digits, scientific where that is shorter ({@code {lr:g3}} gives 0.00364);</li>
 *   <li>{@code %} or {@code %.N}: a fraction as a percentage with 1 or N decimals ({@code {acc:%}} gives 75.8%);</li>
 *   <li>{@code +}: a signed number, e.g. a difference (+2.31).</li>
 * </ul>
 * Strings are escaped so that characters Markdown or HTML would interpret ({@code * _ | < > $} ...) show as
 * written; numbers that are NaN or infinite are refused: a conclusion must not be drawn from them.
 */
public final class Conclusion {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?}");

    private final String markdown;

    private Conclusion(String markdown) {
        this.markdown = markdown;
    }

    /** The template with {@code name, value, name, value, ...} filled in. */
    public static Conclusion of(String template, Object... namesAndValues) {
        Args.notNull("template", template);
        Args.check(namesAndValues.length % 2 == 0, "Conclusion.of needs name, value pairs; got an odd number ("
                + namesAndValues.length + ") of arguments after the template");
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Args.check(namesAndValues[i] instanceof String, "argument " + (i + 2) + " must be a placeholder name, got " + namesAndValues[i]);
            String name = (String) namesAndValues[i];
            Args.check(!values.containsKey(name), "the value \"" + name + "\" is given twice");
            values.put(name, namesAndValues[i + 1]);
        }
        Set<String> used = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!values.containsKey(name)) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            used.add(name);
            m.appendReplacement(out, Matcher.quoteReplacement(format(name, values.get(name), m.group(2))));
        }
        m.appendTail(out);
        Set<String> unused = new LinkedHashSet<>(values.keySet());
        unused.removeAll(used);
        Args.check(unused.isEmpty(), "the template never uses " + unused + ": write {name} where each value goes (template: \""
                + abbreviate(template) + "\")");
        return new Conclusion(out.toString());
    }

    /** The Markdown text. */
    public String markdown() {
        return markdown;
    }

    @Override
    public String toString() {
        return markdown;
    }

    static String format(String name, Object value, String spec) {
        if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
            Args.check(spec == null, "{" + name + ":" + spec + "}: a text value takes no format");
            return escape(value.toString());
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        Args.check(value instanceof Number, "{" + name + "}: a conclusion takes numbers, text or booleans, got "
                + (value == null ? "null" : value.getClass().getSimpleName()));
        double v = ((Number) value).doubleValue();
        Args.check(Double.isFinite(v), "{" + name + "} is " + v + ": a conclusion cannot be written from a NaN or infinite value");
        boolean integral = value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
        if (spec == null || spec.isEmpty()) {
            return integral ? String.format(Locale.ROOT, "%,d", ((Number) value).longValue()) : Tables.number(v);
        }
        if (spec.equals("+")) {
            return (v >= 0 ? "+" : "") + (integral ? String.format(Locale.ROOT, "%,d", ((Number) value).longValue()) : Tables.number(v));
        }
        Matcher f = Pattern.compile("(%)?(?:\\.(\\d+))?|g(\\d+)").matcher(spec);
        Args.check(f.matches(), "{" + name + ":" + spec + "}: unknown format; use .N (decimals), gN (significant digits), % or %.N (percent), +");
        if (f.group(3) != null) {
            return significant(v, Integer.parseInt(f.group(3)));
        }
        boolean percent = f.group(1) != null;
        int decimals = f.group(2) != null ? Integer.parseInt(f.group(2)) : 1;
        Args.check(percent || f.group(2) != null, "{" + name + ":" + spec + "}: unknown format");
        return String.format(Locale.ROOT, "%,." + decimals + "f", percent ? 100 * v : v) + (percent ? "%" : "");
    }

    /** N significant digits: plain between 0.001 and 10^N, else scientific as 1.23e-5. */
    static String significant(double v, int digits) {
        Args.check(digits >= 1 && digits <= 17, "significant digits must be 1 to 17, got " + digits);
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < Math.pow(10, digits)) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
        String mantissa = s.substring(0, s.indexOf('e')), exponent = s.substring(s.indexOf('e') + 1);
        return mantissa + "e" + Integer.parseInt(exponent);
    }

    /** Backslash-escapes Markdown's punctuation and replaces HTML's, so text values show as written. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '{', '}', '[', ']', '#', '|', '$', '~' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
