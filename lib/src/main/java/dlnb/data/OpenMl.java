package dlnb.data;

import dlnb.Args;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 *   <li>a verified copy {@code openml/{id}-{name}.arff} in the cache or a mirror folder
 *       ({@code DLNB_DATA_MIRROR}), for the few ids in {@link #VERIFIED}, checked by SHA-256: this is how
 *       the notebooks and tests run offline;</li>
 *   <li>otherwise OpenML's description ({@code https://www.openml.org/api/v1/json/data/{id}}, cached as
 *       {@code openml/{id}-description.json}) names the file, its URL and its MD5, and {@link RemoteFile}
 *       fetches and verifies the ARFF into the cache.</li>
 * </ol>
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
        String target = source.target() != null ? source.target() : data.attributes().get(data.attributes().size() - 1).name();
        return BinaryData.fromArff(data, source.name(), target, positiveClass);
    }

    /** A verified local ARFF, its data set name and default target (null if the description has none). */
    public record Source(Path arff, String name, String target) {
    }

    public static Source locate(int id) {
        Args.positive("id", id);
        VerifiedCopy known = VERIFIED.get(id);
        if (known != null) {
            Checksum sha = Checksum.sha256(known.sha256());
            for (Path candidate : verifiedCandidates(known.fileName())) {
                try {
                    if (sha.matches(candidate)) {
                        return new Source(candidate, known.name(), known.target());
                    }
                    if (Files.exists(candidate)) {
                        System.err.println("openml: " + candidate + " does not match its SHA-256 " + known.sha256()
                                + "; ignoring it");
                    }
                } catch (IOException e) {
                    System.err.println("openml: could not read " + candidate + ": " + e);
                }
            }
        }
        OpenMlDescription d = description(id);
        RemoteFile file = new RemoteFile(DATASET, d.fileName(), URI.create(d.url()), Checksum.md5(d.md5()));
        return new Source(file.fetch(), d.name(), d.defaultTarget() != null && !d.defaultTarget().contains(",")
                ? d.defaultTarget() : known != null ? known.target() : null);
    }

    /** Cache first, then each mirror, as {@code openml/<file>}. */
    static List<Path> verifiedCandidates(String fileName) {
        List<Path> out = new ArrayList<>();
        out.add(DataCache.location(DATASET, fileName));
        for (Path mirror : DataCache.mirrors()) {
            out.add(mirror.resolve(DATASET).resolve(fileName));
        }
        return out;
    }

    /** OpenML's description of data set {@code id}, from the cache or downloaded once into it. */
    public static OpenMlDescription description(int id) {
        Args.positive("id", id);
        Path cached = DataCache.location(DATASET, id + "-description.json");
        try {
            if (Files.isRegularFile(cached)) {
                return OpenMlDescription.parse(Files.readString(cached, StandardCharsets.UTF_8));
            }
            URI url = OpenMlDescription.descriptionUrl(id);
            HttpResponse<String> response = RemoteFile.get(url, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw unavailable(id, "OpenML answered HTTP " + response.statusCode() + " for " + url, null);
            }
            OpenMlDescription d = OpenMlDescription.parse(response.body());
            Files.createDirectories(cached.getParent());
            Path temp = Files.createTempFile(cached.getParent(), ".description.", ".part");
            try {
                Files.writeString(temp, response.body(), StandardCharsets.UTF_8);
                Files.move(temp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            return d;
        } catch (IOException e) {
            throw unavailable(id, "could not fetch its description (" + e + "); are you offline?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(id, "interrupted while fetching its description", e);
        }
    }

    private static DataUnavailableException unavailable(int id, String what, Throwable cause) {
        VerifiedCopy known = VERIFIED.get(id);
        String offline = known != null
                ? "  Offline: set " + DataCache.MIRROR_ENV + " to a folder holding openml/" + known.fileName()
                + " (SHA-256 " + known.sha256() + ").\n"
                : "  Offline: place OpenML's description JSON at " + DataCache.location(DATASET, id + "-description.json")
                + " and the ARFF it names beside it.\n";
        return new DataUnavailableException("OpenML data set " + id + ": " + what + ".\n"
                + "  Description URL: " + OpenMlDescription.descriptionUrl(id) + "\n" + offline, cause);
    }
}
