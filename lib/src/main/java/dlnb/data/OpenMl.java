package dlnb.data;

import dlnb.Args;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenML data sets by data id, e.g. {@code OpenMl.binary(1464)} for blood-transfusion-service-center.
 *
 * <p>Where the ARFF comes from, first match wins:
 * <ol>
 *   <li>a verified copy {@code openml/{id}-{name}.arff} in a mirror folder ({@code DLNB_DATA_MIRROR})
 *       or the cache, for the few ids in {@link #VERIFIED}, checked by SHA-256: this is how the notebooks
 *       and tests run offline;</li>
 *   <li>otherwise OpenML's description ({@code https://www.openml.org/api/v1/json/data/{id}}, looked for
 *       as {@code openml/{id}-description.json} in the mirrors and the cache, downloaded into the cache
 *       if none is valid) names the file, its URL and its MD5, and {@link RemoteFile} fetches and
 *       verifies the ARFF.</li>
 * </ol>
 * A stored description is checked like data: one that is not a valid description of that id is
 * reported, moved aside (in the cache) and fetched again.
 */
public final class OpenMl {
    /** A copy of an OpenML data set whose SHA-256 we computed ourselves. */
    public record VerifiedCopy(int id, String name, String sha256, String target) {
        public String fileName() {
            return OpenMlDescription.fileName(id, name);
        }
    }

    /** Copies kept in the project's data mirror (see its README). */
    public static final Map<Integer, VerifiedCopy> VERIFIED = Map.of(
            1464, new VerifiedCopy(1464, "blood-transfusion-service-center",
                    "3389d6eb56690070a6cd0025675245f53d640f7a33549ba4f17636d301e23131", "Class"),
            37, new VerifiedCopy(37, "diabetes",
                    "01c38ba089121a39a4ee5bafb3c9bddd71e4337d8f0268c85a999a37c1a027e6", "class"));

    static final String DATASET = "openml";
    /** OpenML's descriptions are a few kilobytes; an answer beyond this is not one. */
    static final long MAX_DESCRIPTION_BYTES = 4 << 20;

    private OpenMl() {
    }

    /** Data set {@code id} with its default target, the minority class as positive. */
    public static BinaryData binary(int id) {
        return binary(id, null);
    }

    /** Data set {@code id} with its default target; {@code positiveClass} null picks the minority class. */
    public static BinaryData binary(int id, String positiveClass) {
        Source source = locate(id);
        Arff.Data data = Arff.read(source.arff());
        if (data.rows().length == 0) {
            throw new IllegalArgumentException("OpenML data set " + id + " (" + source.arff() + "): the data set is empty"
                    + " (no rows after @data)");
        }
        String target = source.target() != null ? source.target() : data.attributes().get(data.attributes().size() - 1).name();
        return BinaryData.fromArff(data, source.name(), target, positiveClass);
    }

    /** A verified local ARFF, its data set name and default target (null if the description has none). */
    public record Source(Path arff, String name, String target) {
    }

    public static Source locate(int id) {
        Args.positive("id", id);
        VerifiedCopy known = VERIFIED.get(id);
        List<String> tried = new ArrayList<>();
        if (known != null) {
            RemoteFile copy = new RemoteFile(DATASET, known.fileName(), OpenMlDescription.descriptionUrl(id),
                    Checksum.sha256(known.sha256()));
            Path found = copy.findLocal(tried);
            if (found != null) {
                return new Source(found, known.name(), known.target());
            }
        }
        OpenMlDescription d = description(id, tried);
        RemoteFile file = new RemoteFile(DATASET, d.fileName(), URI.create(d.url()), Checksum.md5(d.md5()));
        Path arff;
        if (known != null && known.fileName().equals(d.fileName())) {
            // the mirrors were searched for this very file above: go on with the cache and the download
            arff = file.or(Checksum.sha256(known.sha256())).cacheOrDownload(tried);
        } else {
            arff = file.fetch();
        }
        return new Source(arff, d.name(), d.defaultTarget() != null && !d.defaultTarget().contains(",")
                ? d.defaultTarget() : known != null ? known.target() : null);
    }

    /** Mirrors first, then the cache, as {@code openml/<file>}. */
    static List<Path> verifiedCandidates(String fileName) {
        List<Path> out = new ArrayList<>();
        for (Path mirror : DataCache.mirrors()) {
            out.add(mirror.resolve(DATASET).resolve(fileName));
        }
        out.add(DataCache.location(DATASET, fileName));
        return out;
    }

    /** OpenML's description of data set {@code id}: a valid stored one, else downloaded once into the cache. */
    public static OpenMlDescription description(int id) {
        Args.positive("id", id);
        return description(id, new ArrayList<>());
    }

    private static OpenMlDescription description(int id, List<String> tried) {
        String fileName = id + "-description.json";
        Path cached = DataCache.location(DATASET, fileName);
        for (Path candidate : verifiedCandidates(fileName)) {
            boolean ours = candidate.equals(cached);
            try {
                return checked(id, parse(Files.readAllBytes(candidate), candidate.toString()), candidate.toString());
            } catch (NoSuchFileException e) {
                tried.add(candidate + ": not there");
            } catch (IOException | IllegalArgumentException e) {
                String problem = e instanceof IOException io ? candidate + ": cannot be read (" + DataCache.describe(io) + ")" : e.getMessage();
                String fate = "skipping it";
                if (ours && Files.exists(candidate)) {
                    try {
                        fate = "moved it to " + DataCache.moveAside(candidate) + "; fetching it again";
                    } catch (IOException moveFailed) {
                        fate = "could not move it aside (" + DataCache.describe(moveFailed) + ")";
                    }
                }
                tried.add(problem + "; " + fate);
                DataCache.warn("openml: stored description " + problem + "; " + fate);
            }
        }
        URI url = OpenMlDescription.descriptionUrl(id);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            Http.get(url, body, MAX_DESCRIPTION_BYTES);
        } catch (IOException e) {
            tried.add("download " + url + ": " + e.getMessage());
            throw unavailable(id, "could not fetch its description: " + e.getMessage(), tried, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(id, "interrupted while fetching its description", tried, e);
        }
        OpenMlDescription d;
        try {
            d = checked(id, parse(body.toByteArray(), url.toString()), url.toString());
        } catch (IllegalArgumentException e) {
            tried.add("download " + e.getMessage());
            throw unavailable(id, "OpenML's answer is not a valid description (" + e.getMessage() + ")", tried, e);
        }
        store(cached, body.toByteArray());
        return d;
    }

    private static OpenMlDescription parse(byte[] bytes, String source) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return OpenMlDescription.parse(text, source);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + ": is not UTF-8 text (a binary or corrupt file?)", e);
        }
    }

    private static OpenMlDescription checked(int id, OpenMlDescription d, String source) {
        if (d.id() != id) {
            throw new IllegalArgumentException(source + ": describes data set " + d.id() + ", not " + id);
        }
        return d;
    }

    /** Writes the description beside its final name and renames it into place; a read-only cache only warns. */
    private static void store(Path cached, byte[] body) {
        Path part = cached.resolveSibling("." + cached.getFileName() + ".part"); // an interrupted run's is overwritten
        try {
            Files.createDirectories(cached.getParent());
            Files.write(part, body);
            Files.move(part, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            DataCache.warn("openml: could not store the description at " + cached + " (" + DataCache.describe(e)
                    + "); it will be fetched again next time");
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the folder is not writable: nothing was written either
            }
        }
    }

    private static DataUnavailableException unavailable(int id, String what, List<String> tried, Throwable cause) {
        VerifiedCopy known = VERIFIED.get(id);
        StringBuilder m = new StringBuilder("OpenML data set " + id + ": " + what + ".\n");
        m.append("  Description URL: ").append(OpenMlDescription.descriptionUrl(id)).append('\n');
        m.append("  Looked in, in order:\n");
        for (int i = 0; i < tried.size(); i++) {
            m.append("    ").append(i + 1).append(". ").append(tried.get(i)).append('\n');
        }
        m.append(known != null
                ? "  Offline: set " + DataCache.MIRROR_ENV + " to a folder holding openml/" + known.fileName()
                + " (SHA-256 " + known.sha256() + ")."
                : "  Offline: place OpenML's description JSON at " + DataCache.location(DATASET, id + "-description.json")
                + " and the ARFF it names beside it.");
        return new DataUnavailableException(m.toString(), cause);
    }
}
