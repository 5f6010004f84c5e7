package dlnb.data;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dlnb.Args;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The fields of an OpenML data set description (GET https://www.openml.org/api/v1/json/data/{id})
 * that a download needs: the ARFF file's id, URL and MD5 checksum, and the default target.
 */
public record OpenMlDescription(int id, String name, String fileId, String url, String md5, String defaultTarget) {
    public static final String API = "https://www.openml.org/api/v1/json/data/";
    /** System property with another base URL for descriptions (an OpenML mirror or proxy; the tests' local server). */
    public static final String API_PROPERTY = "dlnb.openml.api";

    /** {@value #API}{id}, or the same under the base URL in {@value #API_PROPERTY}. */
    public static URI descriptionUrl(int id) {
        Args.positive("id", id);
        String base = System.getProperty(API_PROPERTY);
        base = base == null || base.isBlank() ? API : base.endsWith("/") ? base : base + "/";
        return URI.create(base + id);
    }

    /** Reads the description JSON; see {@link #parse(String, String)}. */
    public static OpenMlDescription parse(String json) {
        return parse(json, "OpenML description");
    }

    /**
     * Reads the description JSON, strictly: a truncated or otherwise malformed document (bad escape
     * sequences included), an HTML page, a missing or mistyped field are rejected with an
     * {@link IllegalArgumentException} that starts with {@code source} (the file or URL) and names the
     * field or the position.
     */
    public static OpenMlDescription parse(String json, String source) {
        Args.notNull("json", json);
        Args.notNull("source", source);
        String start = json.stripLeading();
        if (start.isEmpty()) {
            throw new IllegalArgumentException(source + ": is empty, not an OpenML data set description");
        }
        if (start.startsWith("<")) {
            throw new IllegalArgumentException(source + ": is an HTML or XML page, not OpenML's JSON description: "
                    + abbreviate(start));
        }
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setLenient(false);
            root = new Gson().getAdapter(JsonElement.class).read(reader);
            String after = reader.toString().replaceFirst("^JsonReader", "").strip();
            boolean ended;
            try {
                ended = reader.peek() == JsonToken.END_DOCUMENT;
            } catch (IOException e) {
                ended = false;
            }
            if (!ended) {
                throw new IllegalArgumentException(source + ": is not valid JSON (text after the end of the document "
                        + after + ")");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(source + ":")) {
                throw iae;
            }
            throw new IllegalArgumentException(source + ": is not valid JSON (" + jsonProblem(e) + ")", e);
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("data_set_description")
                || !root.getAsJsonObject().get("data_set_description").isJsonObject()) {
            throw new IllegalArgumentException(source + ": is not an OpenML data set description (no data_set_description object): "
                    + abbreviate(json));
        }
        JsonObject d = root.getAsJsonObject().getAsJsonObject("data_set_description");
        String idText = field(d, "id", true, source);
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id <= 0) {
            throw new IllegalArgumentException(source + ": field data_set_description.id must be a positive whole number, got \""
                    + idText + "\"");
        }
        String name = field(d, "name", true, source);
        String fileId = field(d, "file_id", true, source);
        String md5 = field(d, "md5_checksum", true, source);
        if (!md5.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException(source + ": field data_set_description.md5_checksum must be 32 hex digits, got \""
                    + abbreviate(md5) + "\"");
        }
        String url = field(d, "url", false, source);
        if (url == null) {
            url = "https://www.openml.org/data/v1/download/" + URLEncoder.encode(fileId, StandardCharsets.UTF_8) + "/"
                    + URLEncoder.encode(name, StandardCharsets.UTF_8) + ".arff";
        } else {
            try {
                new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(source + ": field data_set_description.url is not a URL (" + e.getMessage() + ")");
            }
        }
        return new OpenMlDescription(id, name, fileId, url, md5, field(d, "default_target_attribute", false, source));
    }

    /** The ARFF's file name in the cache: "{id}-{name}.arff", with characters unsafe in file names replaced. */
    public String fileName() {
        return fileName(id, name);
    }

    static String fileName(int id, String name) {
        return id + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".arff";
    }

    /** A string (or number) field; OpenML sends every field used here as a JSON string. */
    private static String field(JsonObject d, String key, boolean required, String source) {
        JsonElement e = d.get(key);
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw new IllegalArgumentException(source + ": field data_set_description." + key + " is missing");
            }
            return null;
        }
        if (!e.isJsonPrimitive() || ((JsonPrimitive) e).isBoolean()) {
            throw new IllegalArgumentException(source + ": field data_set_description." + key + " must be a string, got "
                    + abbreviate(e.toString()));
        }
        String value = e.getAsString();
        if (required && value.isBlank()) {
            throw new IllegalArgumentException(source + ": field data_set_description." + key + " is empty");
        }
        return value;
    }

    /** Gson's message (it gives the line, column and path) in words; a bad \\u escape comes as a NumberFormatException. */
    private static String jsonProblem(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof NumberFormatException || m.startsWith("\\u")) {
            return "malformed \\u escape sequence " + m.replaceFirst("^.*?(\\\\u)", "$1");
        }
        m = m.replaceFirst("^[\\w.]+(Exception|Error): ", "")
                .replace("Use JsonReader.setLenient(true) to accept malformed JSON", "malformed JSON");
        if (e instanceof java.io.EOFException || m.contains("End of input") || m.startsWith("Unterminated")) {
            return "it ends early, truncated? " + m;
        }
        return m;
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 120) + "...";
    }
}
