package dlnb.data;

import dlnb.Args;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

/**
 * One file of a data set, fetched once into the {@link DataCache} and verified by checksum.
 *
 * <p>{@link #fetch()} looks, in order, in extra local folders (such as a Debian package's), the mirror
 * folders ({@code DLNB_DATA_MIRROR}), the cache, and only then downloads. A copy counts if it matches
 * any of the file's checksums; with an {@link Checksum#unpacked() unpacked-content} checksum a
 * recompressed copy, or an unpacked one (named without {@code .gz}), counts too. A copy that is there
 * but corrupt, truncated or unreadable is reported as a warning and skipped; in the cache it is moved
 * aside ({@link DataCache}), never deleted. When nothing serves, the error lists every location tried
 * and why each was rejected.
 *
 * <p>Downloads are bounded in time ({@link Http}: connect, response and stall timeouts) and written to
 * {@code .<file>.part} beside the destination under a lock ({@code .<file>.lock}), renamed only once
 * the checksum matches; a partial file an interrupted run left behind is removed by the next one.
 */
public final class RemoteFile {
    private static final String NOT_THERE = "not there";
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final String dataset;
    private final String fileName;
    private final URI url;
    private final List<Checksum> checksums;
    private final List<Path> localDirs;

    /**
     * @param dataset   folder name in the cache, e.g. "fashion-mnist"
     * @param fileName  file name in that folder
     * @param url       where to download it (http, https or file)
     * @param checksum  what the file's digest must be
     * @param localDirs folders to look in before the mirrors and the cache (e.g. /usr/share/datasets/fashion-mnist)
     */
    public RemoteFile(String dataset, String fileName, URI url, Checksum checksum, Path... localDirs) {
        this(dataset, fileName, url, List.of(Args.notNull("checksum", checksum)), List.of(Args.notNull("localDirs", localDirs)));
    }

    private RemoteFile(String dataset, String fileName, URI url, List<Checksum> checksums, List<Path> localDirs) {
        this.dataset = DataCache.plainName("data set name", dataset);
        this.fileName = DataCache.plainName("file name", fileName);
        this.url = Args.notNull("url", url);
        this.checksums = List.copyOf(checksums);
        this.localDirs = List.copyOf(localDirs);
    }

    /**
     * The same file, also accepted when it matches {@code alternative}: e.g. the SHA-256 of the unpacked
     * content ({@code Checksum.sha256(hex).unpacked()}) beside a publisher's MD5 of the archive.
     */
    public RemoteFile or(Checksum alternative) {
        List<Checksum> all = new ArrayList<>(checksums);
        all.add(Args.notNull("alternative", alternative));
        return new RemoteFile(dataset, fileName, url, all, localDirs);
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

    /** The first checksum given (the one a download is checked against first). */
    public Checksum checksum() {
        return checksums.get(0);
    }

    /** Every checksum a copy may match. */
    public List<Checksum> checksums() {
        return checksums;
    }

    /** Where the verified file is kept in the cache. */
    public Path cachedPath() {
        return DataCache.location(dataset, fileName);
    }

    /** The path of a verified copy of the file, downloading it if no verified copy exists locally. */
    public Path fetch() {
        return fetch(new Check(null, null), new ArrayList<>());
    }

    /**
     * The content of a verified copy, for formats whose reader computes the digest of the unpacked content
     * anyway (IDX): each candidate is read once with {@code read}, and counts when {@code contentSha256} of
     * what was read equals this file's {@linkplain Checksum#unpacked() unpacked} SHA-256. Saves checking a
     * large archive and then unpacking it again; sources, fallbacks and messages are those of {@link #fetch()}.
     *
     * @param read reads a file; a {@link DataUnavailableException} (or an {@link java.io.UncheckedIOException})
     *             means the copy is damaged and the next source is tried
     */
    public <T> T fetch(Function<Path, T> read, Function<T, String> contentSha256) {
        return fetchWithSource(read, contentSha256).content();
    }

    /** What {@link #fetch(Function, Function)} read, and the copy it read it from (to tell the user which data were used). */
    public record Fetched<T>(T content, Path source) {
    }

    /** {@link #fetch(Function, Function)}, also returning the path of the copy that was read. */
    public <T> Fetched<T> fetchWithSource(Function<Path, T> read, Function<T, String> contentSha256) {
        Args.notNull("read", read);
        Args.notNull("contentSha256", contentSha256);
        Args.check(checksums.stream().anyMatch(c -> c.isOfUnpacked() && c.algorithm().equals("SHA-256")),
                fileName + " has no SHA-256 of its unpacked content to check what is read against");
        @SuppressWarnings("unchecked")
        Check check = new Check((Function<Path, Object>) read, (Function<Object, String>) contentSha256);
        Path source = fetch(check, new ArrayList<>());
        @SuppressWarnings("unchecked")
        T content = (T) check.content;
        return new Fetched<>(content, source);
    }

    private Path fetch(Check check, List<String> tried) {
        Path found = findOutsideCache(check, tried);
        return found != null ? found : fromCache(check, tried, true);
    }

    /** After {@link #findLocal} found nothing: the cache step again (under the lock), then the download. */
    Path cacheOrDownload(List<String> tried) {
        return fromCache(new Check(null, null), tried, true);
    }

    /** A verified copy in the local folders, mirrors or cache, without downloading; null if none (see {@code tried}). */
    Path findLocal(List<String> tried) {
        Check check = new Check(null, null);
        Path found = findOutsideCache(check, tried);
        return found != null ? found : fromCache(check, tried, false);
    }

    /** The names a copy may have: the file name, and for an unpacked-content checksum the name without ".gz". */
    private List<String> names() {
        boolean unpackedOk = checksums.stream().anyMatch(Checksum::isOfUnpacked);
        String lower = fileName.toLowerCase(Locale.ROOT);
        return unpackedOk && lower.endsWith(".gz") && fileName.length() > 3
                ? List.of(fileName, fileName.substring(0, fileName.length() - 3)) : List.of(fileName);
    }

    private Path findOutsideCache(Check check, List<String> tried) {
        for (Path dir : localDirs) {
            Path found = firstValid(check, dir, tried);
            if (found != null) {
                return found;
            }
        }
        for (Path mirror : DataCache.configuredMirrors()) {
            String problem = DataCache.mirrorProblem(mirror);
            if (problem != null) {
                tried.add("mirror folder " + mirror + ": " + problem);
                DataCache.warnOnce("mirror folder " + mirror + " (" + DataCache.MIRROR_ENV + ") " + problem + "; skipping it");
                continue;
            }
            for (Path dir : List.of(mirror.resolve(dataset), mirror)) {
                Path found = firstValid(check, dir, tried);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The first valid copy under one of {@link #names()} in a folder that is not ours (bad copies are only reported). */
    private Path firstValid(Check check, Path dir, List<String> tried) {
        for (String name : names()) {
            Path candidate = dir.resolve(name);
            String problem = check.problem(candidate);
            if (problem == null) {
                return candidate;
            }
            tried.add(candidate + ": " + problem);
            if (!problem.equals(NOT_THERE)) {
                DataCache.warn(dataset + ": " + candidate + " " + problem + "; skipping it");
            }
        }
        return null;
    }

    /**
     * The cache step, and the download if {@code download}: under the file's lock (when the folder is
     * writable), removes partial files of interrupted runs, moves bad copies aside, then downloads.
     */
    private Path fromCache(Check check, List<String> tried, boolean download) {
        Path target = cachedPath();
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            Path found = cacheCopies(check, tried, false);
            if (found != null || !download) {
                return found;
            }
            tried.add("cache folder " + dir + ": cannot be created (" + DataCache.describe(e) + ")");
            throw unavailable("the cache folder cannot be created; set " + DataCache.ENV + " to a folder you can write", tried, e);
        }
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(target, t -> new ReentrantLock());
        jvmLock.lock();
        try (FileLockHandle lock = FileLockHandle.tryOpen(dir.resolve("." + fileName + ".lock"))) {
            if (lock == null) {
                // a read-only cache: its copies can still serve, nothing can be written
                Path found = cacheCopies(check, tried, false);
                if (found != null || !download) {
                    return found;
                }
                tried.add("cache folder " + dir + ": read-only (permission denied), so the download has nowhere to go");
                throw unavailable("the cache folder " + dir + " is not writable; set " + DataCache.ENV
                        + " to a folder you can write, or put the file in a mirror folder", tried, null);
            }
            removeStaleParts(check, dir);
            Path found = cacheCopies(check, tried, true);
            return found != null || !download ? found : download(check, target, tried);
        } finally {
            jvmLock.unlock();
        }
    }

    /** The first valid copy in the cache; bad ones are moved aside when {@code writable}. */
    private Path cacheCopies(Check check, List<String> tried, boolean writable) {
        Path dir = cachedPath().getParent();
        for (String name : names()) {
            Path candidate = dir.resolve(name);
            String problem = check.problem(candidate);
            if (problem == null) {
                return candidate;
            }
            if (problem.equals(NOT_THERE)) {
                tried.add(candidate + ": " + problem);
                continue;
            }
            String fate;
            if (writable) {
                try {
                    fate = "moved it to " + DataCache.moveAside(candidate);
                } catch (IOException e) {
                    fate = "could not move it aside (" + DataCache.describe(e) + "), left it in place";
                }
            } else {
                fate = "left it in place (the cache folder is read-only)";
            }
            tried.add(candidate + ": " + problem + "; " + fate);
            DataCache.warn(dataset + ": cached " + candidate + " " + problem + "; " + fate);
        }
        return null;
    }

    /**
     * Partial downloads left by runs that were killed or lost power (we hold the lock: nobody is writing
     * them) are removed; one that is complete and valid (the run died between the check and the rename)
     * is moved into place instead.
     */
    private void removeStaleParts(Check check, Path dir) {
        // ours: .<file>.part; earlier versions': .<file>.<random digits>.part
        Pattern ours = Pattern.compile(Pattern.quote("." + fileName + ".") + "(\\d+\\.)?part");
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path part : parts) {
                long size = Files.size(part);
                if (!Files.exists(cachedPath()) && check.problem(part) == null) {
                    Files.move(part, cachedPath(), StandardCopyOption.ATOMIC_MOVE);
                    DataCache.warn(dataset + ": " + part + " is a complete, valid download an interrupted run left behind;"
                            + " moved it into place at " + cachedPath());
                    continue;
                }
                Files.deleteIfExists(part);
                DataCache.warn(dataset + ": removed " + part + " (" + size + " bytes), a partial download an interrupted run left behind");
            }
        } catch (IOException e) {
            DataCache.warn(dataset + ": could not remove partial downloads in " + dir + ": " + DataCache.describe(e));
        }
    }

    private Path download(Check check, Path target, List<String> tried) {
        String unsupported = Http.unsupported(url);
        if (unsupported != null) {
            tried.add("download " + url + ": " + unsupported);
            throw unavailable("no valid copy found, and " + unsupported, tried, null);
        }
        Path part = target.resolveSibling("." + fileName + ".part");
        System.err.println(dataset + ": downloading " + url + " to " + target);
        try {
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                Http.get(url, out, Long.MAX_VALUE);
            } catch (Http.Failure e) {
                tried.add("download " + url + ": " + e.getMessage());
                throw unavailable("no valid copy found, and the download failed: " + e.getMessage(), tried, e);
            } catch (IOException e) {
                tried.add("download " + url + ": could not write " + part + ": " + DataCache.describe(e));
                throw unavailable("no valid copy found, and the download could not be written to " + part + ": "
                        + DataCache.describe(e), tried, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tried.add("download " + url + ": interrupted");
                throw unavailable("the download was interrupted", tried, e);
            }
            String problem = check.problem(part);
            if (problem != null) {
                tried.add("download " + url + ": the downloaded file " + problem + "; a changed file or an error page? It was discarded");
                throw unavailable("no valid copy found, and the copy downloaded from " + url + " " + problem, tried, null);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            tried.add("download " + url + ": could not move it into place: " + DataCache.describe(e));
            throw unavailable("the download could not be moved into place at " + target + ": " + DataCache.describe(e), tried, e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                DataCache.warn(dataset + ": could not remove " + part + ": " + DataCache.describe(e));
            }
        }
    }

    /** Null if {@code file} is a valid copy; {@link #NOT_THERE} if absent; else why it is not valid, in words. */
    String problem(Path file) {
        return new Check(null, null).problem(file);
    }

    /** How candidates are checked: by the checksums, or by reading them (keeping what a valid one held). */
    private final class Check {
        private final Function<Path, Object> read;
        private final Function<Object, String> contentSha256;
        /** What {@link #read} returned for the last copy that passed. */
        Object content;

        Check(Function<Path, Object> read, Function<Object, String> contentSha256) {
            this.read = read;
            this.contentSha256 = contentSha256;
        }

        String problem(Path file) {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return NOT_THERE;
            } catch (AccessDeniedException e) {
                return "cannot be read (permission denied on its folder)";
            } catch (IOException e) {
                return "cannot be read (" + DataCache.describe(e) + ")";
            }
            if (attrs.isDirectory()) {
                return "is a folder, not a file";
            }
            if (!attrs.isRegularFile()) {
                return "is not a regular file";
            }
            if (attrs.size() == 0) {
                return "is empty (0 bytes; an interrupted download?)";
            }
            String bytes = String.format(Locale.ROOT, "%,d bytes", attrs.size());
            return read != null ? problemReading(file, bytes) : problemOfChecksums(file, bytes);
        }

        private String problemReading(Path file, String bytes) {
            Checksum expected = checksums.stream().filter(c -> c.isOfUnpacked() && c.algorithm().equals("SHA-256"))
                    .findFirst().orElseThrow();
            try {
                Object c = read.apply(file);
                String actual = contentSha256.apply(c);
                if (expected.hex().equals(actual)) {
                    content = c;
                    return null;
                }
                return "has " + expected.algorithm() + " of the unpacked content " + actual + " but " + expected.hex()
                        + " was expected (" + bytes + ")";
            } catch (DataUnavailableException | java.io.UncheckedIOException e) {
                String m = e.getMessage() == null ? "" : e.getMessage();
                return (m.startsWith(file + ": ") ? m.substring(file.toString().length() + 2) : m) + " (" + bytes + ")";
            }
        }

        private String problemOfChecksums(Path file, String bytes) {
            List<String> mismatches = new ArrayList<>();
            String broken = null; // a damaged archive says more than a digest that differs
            for (Checksum c : checksums) {
                try {
                    String actual = c.of(file);
                    if (actual.equals(c.hex())) {
                        return null;
                    }
                    mismatches.add(c.algorithm() + (c.isOfUnpacked() ? " of the unpacked content " : " ") + actual
                            + " but " + c.hex() + " was expected");
                } catch (AccessDeniedException e) {
                    return "cannot be read (permission denied)";
                } catch (ZipException e) {
                    broken = "is not a valid gzip archive (" + e.getMessage() + ")";
                } catch (EOFException e) {
                    broken = "is a truncated gzip archive (it ends early)";
                } catch (IOException e) {
                    return "cannot be read (" + DataCache.describe(e) + ")";
                }
            }
            return (broken != null ? broken : "has " + String.join("; ", mismatches)) + " (" + bytes + ")";
        }
    }

    private DataUnavailableException unavailable(String what, List<String> tried, Throwable cause) {
        StringBuilder m = new StringBuilder("Data set '" + dataset + "', file " + fileName + ": " + what + ".\n");
        m.append("  URL: ").append(url).append('\n');
        m.append("  Looked in, in order:\n");
        for (int i = 0; i < tried.size(); i++) {
            m.append("    ").append(i + 1).append(". ").append(tried.get(i)).append('\n');
        }
        m.append("  To fix by hand: download that URL on a machine with internet access and place the file at\n")
                .append("    ").append(cachedPath()).append('\n')
                .append("  (or in a folder named in ").append(DataCache.MIRROR_ENV).append("; expected ")
                .append(checksums.stream().map(Checksum::toString).collect(Collectors.joining(" or ")))
                .append("; set ").append(DataCache.ENV).append(" to use another cache folder)");
        return new DataUnavailableException(m.toString(), cause);
    }

    /**
     * An exclusive lock on a file in the cache folder, held by this process while it downloads (the OS
     * releases it if the process dies, so a killed run never blocks the next). Waits for another
     * process's download for as long as that download makes progress.
     */
    private static final class FileLockHandle implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private FileLockHandle(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        /** The lock, or null if the folder is not writable. */
        static FileLockHandle tryOpen(Path lockFile) {
            FileChannel channel;
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                return null;
            }
            try {
                Path part = lockFile.resolveSibling(lockFile.getFileName().toString().replaceFirst("\\.lock$", ".part"));
                long stallNanos = Http.Timeouts.current().stall().toNanos();
                long lastSize = -1;
                long lastChange = System.nanoTime();
                boolean announced = false;
                while (true) {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        return new FileLockHandle(channel, lock);
                    }
                    long size = sizeOrMinusOne(part);
                    if (size != lastSize) {
                        lastSize = size;
                        lastChange = System.nanoTime();
                    } else if (System.nanoTime() - lastChange > stallNanos + 5_000_000_000L) {
                        throw new DataUnavailableException("Another process holds " + lockFile + " but its download ("
                                + part + ") made no progress for " + Http.seconds(Http.Timeouts.current().stall())
                                + "; stop the other notebook or process that downloads it, then try again");
                    }
                    if (!announced) {
                        System.err.println("waiting for another process that is downloading " + part.getFileName() + " (" + lockFile + ")");
                        announced = true;
                    }
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                closeQuietly(channel);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(channel);
                throw new DataUnavailableException("interrupted while waiting for " + lockFile, e);
            } catch (RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
        }

        private static long sizeOrMinusOne(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return -1;
            }
        }

        private static void closeQuietly(FileChannel channel) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }

        @Override
        public void close() {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(channel);
        }
    }
}
