package dlnb.data;

import dlnb.Args;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One file of a data set, fetched once into the {@link DataCache} and verified by checksum.
 *
 * <p>{@link #fetch()} looks, in order, at extra local folders (such as a Debian package's), the cache
 * and the mirrors, and only then downloads. Every copy or download goes to a temporary file next to
 * its destination and is renamed only once the checksum matches, so an interrupted or corrupt
 * transfer never leaves a file that looks complete; a corrupt cached file is replaced.
 */
public final class RemoteFile {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final String dataset;
    private final String fileName;
    private final URI url;
    private final Checksum checksum;
    private final List<Path> localDirs;

    /**
     * @param dataset  folder name in the cache, e.g. "fashion-mnist"
     * @param fileName file name in that folder
     * @param url      where to download it (http, https or file)
     * @param checksum what the file's digest must be
     * @param localDirs folders to look in before the cache (e.g. /usr/share/datasets/fashion-mnist)
     */
    public RemoteFile(String dataset, String fileName, URI url, Checksum checksum, Path... localDirs) {
        this.dataset = Args.notBlank("dataset", dataset);
        this.fileName = Args.notBlank("fileName", fileName);
        Args.check(!fileName.contains("/") && !fileName.contains("\\") && !fileName.startsWith("."),
                "fileName must be a plain file name, got \"" + fileName + "\"");
        this.url = Args.notNull("url", url);
        this.checksum = Args.notNull("checksum", checksum);
        this.localDirs = List.of(localDirs);
    }

    public String dataset() {
        return dataset;
    }

    public String fileName() {
        return fileName;
    }

    public URI url() {
        return url;
    }

    public Checksum checksum() {
        return checksum;
    }

    /** Where the verified file is kept in the cache. */
    public Path cachedPath() {
        return DataCache.location(dataset, fileName);
    }

    /** The path of a verified copy of the file, downloading it if no verified copy exists locally. */
    public Path fetch() {
        try {
            for (Path dir : localDirs) {
                Path candidate = dir.resolve(fileName);
                if (checksum.matches(candidate)) {
                    return candidate;
                }
            }
            Path target = cachedPath();
            if (Files.exists(target)) {
                if (checksum.matches(target)) {
                    return target;
                }
                System.err.println(dataset + ": cached " + target + " does not match its " + checksum.algorithm()
                        + " checksum (partial or corrupt); fetching it again");
                Files.delete(target);
            }
            Files.createDirectories(target.getParent());
            for (Path mirror : DataCache.mirrors()) {
                for (Path candidate : List.of(mirror.resolve(dataset).resolve(fileName), mirror.resolve(fileName))) {
                    if (Files.isRegularFile(candidate) && checksum.matches(candidate)) {
                        try (InputStream in = Files.newInputStream(candidate)) {
                            return saveVerified(in, target, candidate.toString());
                        }
                    }
                }
            }
            return download(target);
        } catch (IOException e) {
            throw unavailable("could not be read or written: " + e, e);
        }
    }

    private Path download(Path target) {
        try {
            if ("file".equalsIgnoreCase(url.getScheme())) {
                try (InputStream in = Files.newInputStream(Path.of(url))) {
                    return saveVerified(in, target, url.toString());
                }
            }
            HttpResponse<InputStream> response = get(url, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw unavailable("download failed: the server answered HTTP " + response.statusCode(), null);
                }
                System.err.println(dataset + ": downloading " + url + " to " + target);
                return saveVerified(in, target, url.toString());
            }
        } catch (IOException e) {
            throw unavailable("download failed (" + e + "); are you offline?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("download interrupted", e);
        }
    }

    /** One HTTP GET as every download here makes it: connect timeout, redirects followed, our User-Agent. */
    static <T> HttpResponse<T> get(URI url, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return client.send(HttpRequest.newBuilder(url).header("User-Agent", "dl-notebooks").GET().build(), body);
    }

    /** Copies to a temp file beside the target and renames it only if the checksum matches. */
    private Path saveVerified(InputStream in, Path target, String source) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + fileName + ".", ".part");
        try {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            String actual = checksum.of(temp);
            if (!actual.equals(checksum.hex())) {
                throw unavailable("the copy from " + source + " has " + checksum.algorithm() + " " + actual
                        + " but " + checksum.hex() + " was expected (a partial or changed file)", null);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private DataUnavailableException unavailable(String what, Throwable cause) {
        List<String> places = new ArrayList<>();
        localDirs.forEach(d -> places.add(d.resolve(fileName).toString()));
        places.add(cachedPath().toString());
        return new DataUnavailableException("Data set '" + dataset + "', file " + fileName + ": " + what + ".\n"
                + "  URL: " + url + "\n"
                + "  To fix by hand: download that URL on a machine with internet access and place the file at\n"
                + "    " + cachedPath() + "\n"
                + "  (checked: " + String.join(", ", places) + "; expected " + checksum + ";"
                + " set " + DataCache.ENV + " to use another cache folder)", cause);
    }
}
