package dlnb.data;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dlnb.data.FaultServer.cut;
import static dlnb.data.FaultServer.drip;
import static dlnb.data.FaultServer.ok;
import static dlnb.data.FaultServer.redirect;
import static dlnb.data.FaultServer.silent;
import static dlnb.data.FaultServer.stall;
import static dlnb.data.FaultServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fault class 1, downloads that cannot hang: every way a web server can fail a download, served by a
 * local {@link FaultServer}. Each case checks the message (the URL, what happened, the timeout that
 * fired) and that nothing partial is left in the cache.
 */
class DownloadFaultsTest extends FaultCase {
    private RemoteFile served(FaultServer.Behaviour... behaviours) {
        server.on("/" + NAME, behaviours);
        return file(server.url("/" + NAME));
    }

    @Test
    void notFound() {
        RemoteFile f = served(status(404, "no such file"));
        fails(DataUnavailableException.class, f::fetch, "the server answered HTTP 404", f.url().toString(),
                "place the file at\n    " + cached());
        assertNothingCached();
    }

    @Test
    void serverError() {
        RemoteFile f = served(status(503, "try later"));
        fails(DataUnavailableException.class, f::fetch, "HTTP 503", f.url().toString());
        assertNothingCached();
    }

    @Test
    void errorPageServedAsSuccess() {
        RemoteFile f = served(ok("<html><body>Access denied</body></html>"));
        fails(DataUnavailableException.class, f::fetch, "the copy downloaded from " + f.url(), "but " + md5(GZ) + " was expected",
                "error page?", "discarded");
        assertNothingCached();
    }

    @Test
    void wrongBodyOfTheRightLength() {
        byte[] other = gzip(bytes("x".repeat(CONTENT.length)), 9);
        RemoteFile f = served(ok(other));
        fails(DataUnavailableException.class, f::fetch, "has MD5 " + md5(other) + " but " + md5(GZ) + " was expected",
                "SHA-256 of the unpacked content", f.url().toString());
        assertNothingCached();
    }

    @Test
    void emptyBody() {
        RemoteFile f = served(ok(new byte[0]));
        fails(DataUnavailableException.class, f::fetch, "is empty (0 bytes", f.url().toString());
        assertNothingCached();
    }

    @Test
    void bodyCutOffWithContentLength() {
        RemoteFile f = served(cut(GZ, 1000, false));
        fails(DataUnavailableException.class, () -> within(10, f::fetch), "the connection broke off after 1,000 bytes of "
                + String.format("%,d", GZ.length) + " bytes", f.url().toString());
        assertNothingCached();
    }

    @Test
    void chunkedBodyCutOff() {
        RemoteFile f = served(cut(GZ, 1000, true));
        fails(DataUnavailableException.class, () -> within(10, f::fetch), "the connection broke off after", f.url().toString());
        assertNothingCached();
    }

    @Test
    void stallMidBody() {
        RemoteFile f = served(stall(GZ, 1000));
        fails(DataUnavailableException.class, () -> within(5, f::fetch), "the download stalled: no data for 0.5 s after 1,000 bytes",
                "stall timeout, system property dlnb.http.stallTimeout", "run it again", f.url().toString());
        assertNothingCached();
    }

    @Test
    void stallBeforeTheFirstByte() {
        RemoteFile f = served(stall(GZ, 0));
        fails(DataUnavailableException.class, () -> within(5, f::fetch), "no data for 0.5 s after 0 bytes of "
                + String.format("%,d", GZ.length), f.url().toString());
        assertNothingCached();
    }

    @Test
    void serverThatNeverAnswers() {
        RemoteFile f = served(silent());
        fails(DataUnavailableException.class, () -> within(5, f::fetch), "sent no answer within 0.5 s",
                "response timeout, system property dlnb.http.responseTimeout", f.url().toString());
        assertNothingCached();
    }

    @Test
    void slowButSteadyBodyIsNotAStall() {
        // 20 chunks 100 ms apart: 2 s in all, four times the stall timeout, never 0.5 s without progress
        RemoteFile f = served(drip(GZ, GZ.length / 20 + 1, 100));
        assertEquals(cached(), within(15, f::fetch));
        assertCachedValid();
        assertMentions(warnings(), "downloading " + f.url());
    }

    @Test
    void redirectToAMissingFile() {
        server.on("/gone", status(404, "gone"));
        RemoteFile f = served(redirect("/gone"));
        fails(DataUnavailableException.class, f::fetch, "HTTP 404 for " + server.url("/gone"), f.url().toString());
        assertNothingCached();
    }

    @Test
    void redirectLoop() {
        RemoteFile f = served(redirect("/" + NAME));
        fails(DataUnavailableException.class, () -> within(10, f::fetch), "HTTP 302", "a redirect to /" + NAME + " that was not followed",
                f.url().toString());
        assertNothingCached();
    }

    @Test
    void transientWrongBodyThenRightOne() {
        RemoteFile f = served(ok("<html>busy</html>"), ok(GZ));
        fails(DataUnavailableException.class, f::fetch, "discarded");
        assertNothingCached();
        assertEquals(cached(), f.fetch(), "the next run downloads again and succeeds");
        assertCachedValid();
        assertEquals(2, server.hits("/" + NAME));
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RemoteFile f = file(URI.create("http://127.0.0.1:" + port + "/" + NAME));
        fails(DataUnavailableException.class, () -> within(10, f::fetch), "could not connect to 127.0.0.1:" + port,
                "are you offline?", f.url().toString());
        assertNothingCached();
    }

    @Test
    void connectionClosedWithoutAnAnswer() throws Exception {
        RemoteFile f = file(server.rawUrl("/" + NAME, null));
        fails(DataUnavailableException.class, () -> within(10, f::fetch), "the request to 127.0.0.1 failed", f.url().toString());
        assertNothingCached();
    }

    @Test
    void answerThatIsNotHttp() throws Exception {
        RemoteFile f = file(server.rawUrl("/" + NAME, "SSH-2.0-OpenSSH_9.2\r\n\r\n"));
        fails(DataUnavailableException.class, () -> within(10, f::fetch), "the request to 127.0.0.1 failed", f.url().toString());
        assertNothingCached();
    }

    @Test
    void connectTimeoutWhenNobodyAccepts() throws Exception {
        URI url = server.unconnectableUrl("/" + NAME);
        assumeTrue(url != null, "this system answers every connection attempt; no connect timeout to provoke");
        RemoteFile f = file(url);
        fails(DataUnavailableException.class, () -> within(10, f::fetch), "no connection to 127.0.0.1 within 1 s",
                "connect timeout, system property dlnb.http.connectTimeout", url.toString());
        assertNothingCached();
    }

    @Test
    void ftpUrlIsRefusedClearly() {
        RemoteFile f = file(URI.create("ftp://ftp.example.org/pub/" + NAME));
        fails(DataUnavailableException.class, f::fetch, "the URL scheme 'ftp' is not supported",
                "only http, https and file URLs", "ftp://ftp.example.org/pub/" + NAME);
        assertNothingCached();
    }

    @Test
    void urlWithoutSchemeIsRefusedClearly() {
        RemoteFile f = file(URI.create("downloads/" + NAME));
        fails(DataUnavailableException.class, f::fetch, "has no scheme", "downloads/" + NAME);
        assertNothingCached();
    }

    @Test
    void httpUrlWithoutHostIsRefusedClearly() {
        RemoteFile f = file(URI.create("http:/" + NAME));
        fails(DataUnavailableException.class, f::fetch, "has no host name", "http:/" + NAME);
        assertNothingCached();
    }

    @Test
    void fileUrlToAMissingFile() {
        Path missing = root.resolve("nowhere/" + NAME);
        RemoteFile f = file(missing.toUri());
        fails(DataUnavailableException.class, f::fetch, missing + " does not exist");
        assertNothingCached();
    }

    @Test
    void fileUrlToAFolder() throws Exception {
        Path folder = Files.createDirectories(root.resolve("folder"));
        RemoteFile f = file(folder.toUri());
        fails(DataUnavailableException.class, f::fetch, folder + " is not a file");
        assertNothingCached();
    }

    @Test
    void badTimeoutSettingIsNamed() {
        System.setProperty(Http.STALL_TIMEOUT, "soon");
        RemoteFile f = served(ok(GZ));
        fails(IllegalArgumentException.class, f::fetch, "dlnb.http.stallTimeout", "\"soon\"");
        assertNothingCached();
    }

    @Test
    void concurrentFetchesDownloadOnce() throws Exception {
        RemoteFile f = served(drip(GZ, GZ.length / 5 + 1, 50));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit((java.util.concurrent.Callable<Path>) f::fetch));
            }
            for (Future<Path> r : results) {
                assertEquals(cached(), r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, server.hits("/" + NAME), "one download; the others waited for it and found it in the cache");
        assertEquals(1, warnings().split("downloading " + f.url(), -1).length - 1, "one 'downloading' line:\n" + warnings());
        assertFalse(warnings().contains("warning"), warnings());
        assertCachedValid();
    }

    @Test
    void downloadDoesNotReplaceAValidCopyFoundMeanwhile() throws Exception {
        write(cached(), GZ_RECOMPRESSED); // a valid copy (same content, other compression) placed by hand
        RemoteFile f = served(ok("<html>should not be fetched</html>"));
        assertEquals(cached(), f.fetch());
        assertUnchanged(cached(), GZ_RECOMPRESSED);
        assertEquals(0, server.hits("/" + NAME));
        assertFalse(warnings().contains("warning") || warnings().contains("downloading"), warnings());
        assertNoPartials();
        assertTrue(rejected(cached()).isEmpty());
    }

    @Test
    void offlineDescriptionFetchNamesTheUrlAndTheFix() {
        System.setProperty(OpenMlDescription.API_PROPERTY, server.url("/api/").toString());
        server.on("/api/999101", status(404, "{\"error\":{\"code\":\"111\",\"message\":\"Unknown dataset\"}}"));
        fails(DataUnavailableException.class, () -> OpenMl.description(999101), "OpenML data set 999101",
                "HTTP 404", server.url("/api/999101").toString(), "place OpenML's description JSON at");
        assertFalse(Files.exists(cache.resolve("openml/999101-description.json")));
        assertNoPartials();
    }

    @Test
    void descriptionThatStalls() {
        System.setProperty(OpenMlDescription.API_PROPERTY, server.url("/api").toString());
        server.on("/api/999102", stall(bytes("{\"data_set_description\":{\"id\":\"999102\"}}"), 10));
        fails(DataUnavailableException.class, () -> within(5, () -> OpenMl.description(999102)), "stalled",
                "dlnb.http.stallTimeout", server.url("/api/999102").toString());
        assertFalse(Files.exists(cache.resolve("openml/999102-description.json")));
        assertNoPartials();
    }

    @Test
    void descriptionServerThatNeverAnswers() {
        System.setProperty(OpenMlDescription.API_PROPERTY, server.url("/api").toString());
        server.on("/api/999103", silent());
        fails(DataUnavailableException.class, () -> within(5, () -> OpenMl.description(999103)), "sent no answer within 0.5 s",
                server.url("/api/999103").toString());
        assertFalse(Files.exists(cache.resolve("openml/999103-description.json")));
        assertNoPartials();
    }

    @Test
    void endlessDescriptionIsCutAtItsLimit() {
        System.setProperty(OpenMlDescription.API_PROPERTY, server.url("/api").toString());
        server.on("/api/999104", FaultServer.endless());
        fails(DataUnavailableException.class, () -> within(20, () -> OpenMl.description(999104)),
                "the answer is larger than the 4,194,304 bytes expected", server.url("/api/999104").toString());
        assertFalse(Files.exists(cache.resolve("openml/999104-description.json")));
        assertNoPartials();
    }

    @Test
    void descriptionNamingAnFtpFile() throws Exception {
        System.setProperty(OpenMlDescription.API_PROPERTY, server.url("/api").toString());
        server.on("/api/999105", ok(MetadataFaultsTest.description(999105, "toy", "ftp://ftp.example.org/toy.arff",
                "0123456789abcdef0123456789abcdef")));
        fails(DataUnavailableException.class, () -> OpenMl.binary(999105), "the URL scheme 'ftp' is not supported",
                "ftp://ftp.example.org/toy.arff", "999105-toy.arff");
        assertTrue(Files.isRegularFile(cache.resolve("openml/999105-description.json")), "the valid description is kept");
        assertFalse(Files.exists(cache.resolve("openml/999105-toy.arff")));
        assertNoPartials();
    }

    @Test
    void descriptionDownloadedOnceAndCached() throws Exception {
        System.setProperty(OpenMlDescription.API_PROPERTY, server.url("/api").toString());
        Path arff = write(root.resolve("toy.arff"), bytes(ArffTest.TOY));
        server.on("/api/999106", ok(MetadataFaultsTest.description(999106, "toy", arff.toUri().toString(), md5(bytes(ArffTest.TOY)))));
        assertEquals(3, OpenMl.binary(999106).size());
        assertEquals(3, OpenMl.binary(999106).size());
        assertEquals(1, server.hits("/api/999106"), "the second call reads the cached description");
        assertFalse(warnings().contains("warning"), warnings());
        assertNotNull(OpenMlDescription.parse(Files.readString(cache.resolve("openml/999106-description.json"))));
        assertNoPartials();
    }
}
