package dlnb.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dlnb.data.FaultServer.ok;
import static dlnb.data.FaultServer.stall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fault class 1, interrupted downloads: a child JVM killed (SIGKILL) in the middle of a download, then
 * a rerun in another process; a child whose disk is "full" (a file-size limit, so writes fail with
 * EFBIG as on a full disk).
 */
class InterruptedDownloadTest extends FaultCase {
    private Map<String, String> childProperties(String stallSeconds) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(DataCache.PROPERTY, cache.toString());
        props.put(DataCache.MIRROR_PROPERTY, "");
        props.put(Http.STALL_TIMEOUT, stallSeconds);
        return props;
    }

    private Path part() {
        return cached().resolveSibling("." + NAME + ".part");
    }

    @Test
    void killedMidDownloadThenRerun() throws Exception {
        server.on("/" + NAME, stall(GZ, 2000), ok(GZ));
        List<String> command = ChildJvm.command(childProperties("120"), false, null, "fetch", server.url("/" + NAME).toString());
        Process child = ChildJvm.start(command);
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!(Files.exists(part()) && Files.size(part()) >= 2000)) {
                assertTrue(child.isAlive(), "the child ended before it could be killed");
                assertTrue(System.nanoTime() < deadline, "the child never started writing " + part());
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs in the child
            child.waitFor();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertEquals(2000, Files.size(part()), "kill -9 leaves the partial file behind");
        assertFalse(Files.exists(cached()), "but never at the name that would be used");

        ChildJvm.Result rerun = ChildJvm.run(ChildJvm.command(childProperties("5"), false, null, "fetch",
                server.url("/" + NAME).toString()), 30);
        assertTrue(rerun.ok(), rerun.toString());
        assertMentions(rerun.err(), "removed " + part() + " (2000 bytes), a partial download an interrupted run left behind");
        assertEquals(2, server.hits("/" + NAME), "the rerun downloads again; the killed process's lock did not block it");
        assertCachedValid();
    }

    @Test
    void fullDiskLeavesNothingPartial() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        server.on("/" + NAME, ok(GZ));
        // ulimit -f counts 1024-byte blocks: 2 KB may be written, the archive is about 4 KB
        assertTrue(GZ.length > 3000, "the fixture must exceed the limit");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(childProperties("5"), false, "ulimit -f 2;", "fetch",
                server.url("/" + NAME).toString()), 30);
        assertEquals(3, r.exit(), r.toString());
        assertMentions(r.value(), "the download could not be written to " + part(), "File too large (is the disk full?)",
                server.url("/" + NAME).toString());
        assertNothingCached();
    }
}
