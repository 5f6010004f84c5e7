package dlnb.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloads from file: URLs and a loopback HTTP server only: tests never touch the network. */
class RemoteFileTest {
    private static final Checksum ABC = Checksum.sha256(ChecksumTest.SHA256_ABC);

    @TempDir
    Path tmp;
    private Path cache;
    private Path source;

    @BeforeEach
    void setUp() throws IOException {
        cache = tmp.resolve("cache");
        System.setProperty(DataCache.PROPERTY, cache.toString());
        source = Files.writeString(tmp.resolve("abc.txt"), "abc");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(DataCache.PROPERTY);
        System.clearProperty(DataCache.MIRROR_PROPERTY);
    }

    @Test
    void downloadsOnceIntoTheCacheAndReusesIt() throws IOException {
        RemoteFile file = new RemoteFile("letters", "abc.txt", source.toUri(), ABC);
        Path fetched = file.fetch();
        assertEquals(cache.resolve("letters/abc.txt"), fetched);
        assertEquals("abc", Files.readString(fetched));
        Files.delete(source); // a second fetch must not need the source
        assertEquals(fetched, file.fetch());
        assertNoPartialFiles();
    }

    @Test
    void checksumMismatchLeavesNothingBehindAndSaysHowToFixIt() throws IOException {
        Files.writeString(source, "abd");
        RemoteFile file = new RemoteFile("letters", "abc.txt", source.toUri(), ABC);
        DataUnavailableException e = assertThrows(DataUnavailableException.class, file::fetch);
        assertTrue(e.getMessage().startsWith("Data set 'letters', file abc.txt: no valid copy found, and the copy downloaded from "),
                e.getMessage());
        assertTrue(e.getMessage().contains(ChecksumTest.SHA256_ABC + " was expected"), e.getMessage());
        assertTrue(e.getMessage().contains("URL: " + source.toUri()), e.getMessage());
        assertTrue(e.getMessage().contains("place the file at\n    " + cache.resolve("letters/abc.txt")), e.getMessage());
        assertFalse(Files.exists(cache.resolve("letters/abc.txt")));
        assertNoPartialFiles();
    }

    @Test
    void corruptCachedFileIsMovedAsideAndFetchedAgain() throws IOException {
        Files.createDirectories(cache.resolve("letters"));
        Files.writeString(cache.resolve("letters/abc.txt"), "ab"); // an interrupted earlier download
        Path fetched = new RemoteFile("letters", "abc.txt", source.toUri(), ABC).fetch();
        assertEquals("abc", Files.readString(fetched));
        try (Stream<Path> files = Files.list(cache.resolve("letters"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("abc.txt.rejected-")), "kept, renamed");
        }
    }

    @Test
    void localFoldersAndMirrorsComeBeforeTheUrl() throws IOException {
        URI nowhere = tmp.resolve("missing.txt").toUri();
        Path local = Files.createDirectories(tmp.resolve("debian"));
        Files.writeString(local.resolve("abc.txt"), "abc");
        assertEquals(local.resolve("abc.txt"), new RemoteFile("letters", "abc.txt", nowhere, ABC, local).fetch());

        Path mirror = Files.createDirectories(tmp.resolve("mirror/letters"));
        Files.writeString(mirror.resolve("abc.txt"), "abc");
        System.setProperty(DataCache.MIRROR_PROPERTY, tmp.resolve("mirror").toString());
        // mirrors are read in place, before the cache
        Path fetched = new RemoteFile("letters", "abc.txt", nowhere, ABC).fetch();
        assertEquals(mirror.resolve("abc.txt"), fetched);
        assertFalse(Files.exists(cache.resolve("letters/abc.txt")));
    }

    @Test
    void httpDownloadAndHttpErrors() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/abc.txt", exchange -> {
            byte[] body = "abc".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals("abc", Files.readString(new RemoteFile("web", "abc.txt", URI.create(base + "/abc.txt"), ABC).fetch()));
            DataUnavailableException e = assertThrows(DataUnavailableException.class,
                    () -> new RemoteFile("web", "gone.txt", URI.create(base + "/gone.txt"), ABC).fetch());
            assertTrue(e.getMessage().contains("the server answered HTTP 404"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void offlineFailureNamesTheDataSetUrlAndLocation() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/abc.txt");
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> new RemoteFile("web", "abc.txt", url, ABC).fetch());
        assertTrue(e.getMessage().contains("download failed"), e.getMessage());
        assertTrue(e.getMessage().contains("are you offline?"), e.getMessage());
        assertTrue(e.getMessage().contains("URL: " + url), e.getMessage());
    }

    @Test
    void rejectsFileNamesThatEscapeTheCache() {
        assertThrows(IllegalArgumentException.class, () -> new RemoteFile("x", "../evil", source.toUri(), ABC));
    }

    private void assertNoPartialFiles() throws IOException {
        if (Files.exists(cache)) {
            try (Stream<Path> files = Files.walk(cache)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
            }
        }
    }
}
