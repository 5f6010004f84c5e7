package dlnb.data;

import dlnb.Args;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of an OpenML data set description (GET https://www.openml.org/api/v1/json/data/{id})
 * that a download needs: the ARFF file's id, URL and MD5 checksum, and the default target.
 */
public record OpenMlDescription(int id, String name, String fileId, String url, String md5, String defaultTarget) {
    public static final String API = "https://www.openml.org/api/v1/json/data/";

    public static URI descriptionUrl(int id) {
        return URI.create(API + Args.positive("id", id));
    }

    /**
     * Reads the description JSON. All fields used are JSON strings in OpenML's answer, so a small
     * pattern per key suffices (no JSON library needed).
     */
    public static OpenMlDescription parse(String json) {
        Args.notNull("json", json);
        if (!json.contains("\"data_set_description\"")) {
            throw new IllegalArgumentException("not an OpenML data set description (no data_set_description): "
                    + abbreviate(json));
        }
        String idText = field(json, "id", true);
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OpenML description: id must be a number, got \"" + idText + "\"");
        }
        String name = field(json, "name", true);
        String fileId = field(json, "file_id", true);
        String md5 = field(json, "md5_checksum", true);
        String url = field(json, "url", false);
        if (url == null) {
            url = "https://www.openml.org/data/v1/download/" + fileId + "/"
                    + URLEncoder.encode(name, StandardCharsets.UTF_8) + ".arff";
        }
        return new OpenMlDescription(id, name, fileId, url, md5, field(json, "default_target_attribute", false));
    }

    /** The ARFF's file name in the cache: "{id}-{name}.arff", with characters unsafe in file names replaced. */
    public String fileName() {
        return fileName(id, name);
    }

    static String fileName(int id, String name) {
        return id + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".arff";
    }

    private static String field(String json, String key, boolean required) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!m.find()) {
            if (required) {
                throw new IllegalArgumentException("OpenML description lacks the string field \"" + key + "\": "
                        + abbreviate(json));
            }
            return null;
        }
        return unescape(m.group(1));
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
