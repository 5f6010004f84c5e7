package dlnb.display;

import dlnb.Args;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a cell shows: one representation per MIME type, plus optional per-type metadata (an image's
 * display width). Only the types put here are sent, so a PDF never prints raw HTML as text.
 */
public final class MimeBundle {
    public static final String PLAIN = "text/plain";
    public static final String HTML = "text/html";
    public static final String MARKDOWN = "text/markdown";
    public static final String LATEX = "text/latex";
    public static final String PNG = "image/png";
    public static final String SVG = "image/svg+xml";

    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();

    public MimeBundle put(String mimeType, String value) {
        data.put(Args.notBlank("mimeType", mimeType), Args.notNull("value", value));
        return this;
    }

    /** A JSON-valued type (a map becomes a JSON object in the notebook). */
    public MimeBundle putJson(String mimeType, Map<String, ?> value) {
        data.put(Args.notBlank("mimeType", mimeType), Map.copyOf(Args.notNull("value", value)));
        return this;
    }

    /** The whole image, Base64-encoded in one go (partial streams corrupt PNGs in PDF export). */
    public MimeBundle putPng(byte[] png, int displayWidth) {
        data.put(PNG, Base64.getEncoder().encodeToString(Args.notNull("png", png)));
        if (displayWidth > 0) {
            metadata.put(PNG, Map.of("width", displayWidth));
        }
        return this;
    }

    /** Output metadata under {@code key} (front ends ignore keys they don't know). */
    public MimeBundle putMetadata(String key, Map<String, ?> value) {
        metadata.put(Args.notBlank("key", key), Map.copyOf(Args.notNull("value", value)));
        return this;
    }

    public Map<String, Object> data() {
        return Collections.unmodifiableMap(data);
    }

    public Map<String, Object> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    public String get(String mimeType) {
        Object value = data.get(mimeType);
        return value == null ? null : value.toString();
    }

    public String text() {
        String plain = get(PLAIN);
        return plain == null ? "" : plain;
    }
}
