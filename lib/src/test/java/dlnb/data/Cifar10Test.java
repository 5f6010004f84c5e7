package dlnb.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10Test {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void isolate() {
        System.setProperty(DataCache.PROPERTY, dir.resolve("cache").toString());
        System.setProperty(DataCache.MIRROR_PROPERTY, "");
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.setOut(originalOut);
        System.clearProperty(DataCache.PROPERTY);
        System.clearProperty(DataCache.MIRROR_PROPERTY);
    }

    /** One record: label, then red, green, blue planes with values chosen from (record, channel, pixel). */
    private static byte[] record(int label, int seed) {
        byte[] r = new byte[Cifar10.RECORD_BYTES];
        r[0] = (byte) label;
        for (int k = 1; k < r.length; k++) {
            r[k] = (byte) (seed * 31 + k * 7);
        }
        return r;
    }

    private static byte[] records(int count, int firstSeed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            b.writeBytes(record((firstSeed + i) % 10, firstSeed + i));
        }
        return b.toByteArray();
    }

    /** A tar.gz with the given members (name inside cifar-10-batches-bin -> bytes), in order. */
    private Path archive(String name, Map<String, byte[]> members) throws IOException {
        Path file = dir.resolve(name);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(Cifar10.FOLDER + "/" + m.getKey());
                e.setSize(m.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(m.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private Map<String, byte[]> members(int perFile) {
        Map<String, byte[]> m = new TreeMap<>();
        for (int f = 0; f < 5; f++) {
            m.put(Cifar10.TRAIN_FILES.get(f), records(perFile, 100 * f));
        }
        m.put(Cifar10.VALIDATION_FILE, records(perFile, 1000));
        m.put("batches.meta.txt", "airplane\n".getBytes(StandardCharsets.US_ASCII));
        return m;
    }

    @Test
    void readsRecordsLabelsAndPlanesOfAHandMadeArchive() throws Exception {
        Path file = archive("hand.tar.gz", members(3));
        Cifar10.Archive a = Cifar10.read(file, 0, false);
        assertEquals(15, a.train().size());
        assertEquals(3, a.validation().size());
        assertEquals(3, a.recordsPerFile());
        // training file 2 (index 1) starts with seed 100: label 0; record 1 of it has seed 101, label 1
        assertEquals(0, a.train().label(3));
        assertEquals(1, a.train().label(4));
        // value of channel ch at (row, col) is byte 1 + ch*1024 + row*32 + col of the record
        int k = 1 + 2 * 1024 + 5 * 32 + 7;
        assertEquals((101 * 31 + k * 7) & 0xff, a.train().value(4, 2, 5, 7));
        assertEquals((1002 * 31 + 1 * 7) & 0xff, a.validation().value(2, 0, 0, 0));
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        assertEquals(HexFormat.of().formatHex(md.digest(Files.readAllBytes(file))), a.sha256());
        assertEquals(java.util.List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), a.classes());
    }

    @Test
    void keepsOnlyTheClassesAskedFor() throws Exception {
        Path file = archive("hand.tar.gz", members(10));
        Cifar10.Archive horses = Cifar10.read(file, 10, false, Cifar10.HORSE);
        assertEquals(5, horses.train().size());
        assertEquals(1, horses.validation().size());
        assertTrue(Arrays.stream(horses.train().classCounts()).sum() == horses.train().classCounts()[Cifar10.HORSE]);
        // the horse of training file 1 is its record 7 (seed 7): its first red byte
        assertEquals((7 * 31 + 7) & 0xff, horses.train().value(0, 0, 0, 0));
        assertTrue(horses.describe().contains("classes 7 (horse)"), horses.describe());
    }

    @Test
    void syntheticArchiveRoundTripsThroughTheReaderAndIsDeterministic() throws Exception {
        Path a = SyntheticCifar.write(dir.resolve("a.tar.gz"), 20, 5);
        Path b = SyntheticCifar.write(dir.resolve("b.tar.gz"), 20, 5);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same seed, same bytes");
        Cifar10.Archive read = Cifar10.read(a, 20, true);
        assertEquals(100, read.train().size());
        assertEquals(20, read.validation().size());
        for (int c = 0; c < 10; c++) {
            assertEquals(10, read.train().classCounts()[c], "balanced labels, class " + c);
            assertEquals(2, read.validation().classCounts()[c]);
        }
        byte[] file3 = SyntheticCifar.batchFile(2, 20, 5);
        assertEquals(file3[Cifar10.RECORD_BYTES * 4] & 0xff, read.train().label(44));
        assertEquals(file3[Cifar10.RECORD_BYTES * 4 + 1 + 1024 + 33] & 0xff, read.train().value(44, 1, 1, 1));
        Path other = SyntheticCifar.write(dir.resolve("c.tar.gz"), 20, 6);
        assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(other)), "another seed, other scenes");
        assertEquals(0, Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".part")).count());
    }

    @Test
    void syntheticSkiesAreBlueAboveAndHorsesBrown() {
        Cifar10.Archive read = Cifar10.read(SyntheticCifar.write(dir.resolve("s.tar.gz"), 50, 1), 50, true, Cifar10.HORSE);
        ColourImages h = read.train();
        int blueTop = 0;
        for (int i = 0; i < h.size(); i++) {
            if (h.value(i, 2, 0, 16) > h.value(i, 0, 0, 16) + 60) {
                blueTop++;
            }
        }
        assertTrue(blueTop >= h.size() * 0.9, "the top row is blue sky in most scenes: " + blueTop + " of " + h.size());
    }

    @Test
    void wrongSizesTruncationBadLabelsAndMissingFilesNameTheArchive() throws Exception {
        Map<String, byte[]> m = members(2);
        m.put(Cifar10.TRAIN_FILES.get(2), Arrays.copyOf(records(2, 0), 2 * Cifar10.RECORD_BYTES - 1));
        Path wrongSize = archive("wrong-size.tar.gz", m);
        String msg = assertThrows(Cifar10FormatException.class, () -> Cifar10.read(wrongSize, 0, false)).getMessage();
        assertTrue(msg.startsWith(wrongSize.toString()) && msg.contains("data_batch_3.bin") && msg.contains("6,145 bytes")
                && msg.contains("3,073-byte records"), msg);

        Path full = archive("full.tar.gz", members(2));
        String notTen = assertThrows(Cifar10FormatException.class, () -> Cifar10.read(full, 10_000, false)).getMessage();
        assertTrue(notTen.contains("(2 records) but should have 10,000 records"), notTen);

        Map<String, byte[]> bad = members(2);
        byte[] withBadLabel = records(2, 0);
        withBadLabel[Cifar10.RECORD_BYTES] = 10;
        bad.put(Cifar10.VALIDATION_FILE, withBadLabel);
        Path badLabel = archive("bad-label.tar.gz", bad);
        String lab = assertThrows(Cifar10FormatException.class, () -> Cifar10.read(badLabel, 0, false)).getMessage();
        assertTrue(lab.contains("record 1 of cifar-10-batches-bin/test_batch.bin has label 10"), lab);

        Map<String, byte[]> missing = members(2);
        missing.remove(Cifar10.TRAIN_FILES.get(4));
        Path lacks = archive("lacks.tar.gz", missing);
        String mis = assertThrows(Cifar10FormatException.class, () -> Cifar10.read(lacks, 0, false)).getMessage();
        assertTrue(mis.contains("lacks cifar-10-batches-bin/data_batch_5.bin"), mis);

        Map<String, byte[]> uneven = members(2);
        uneven.put(Cifar10.VALIDATION_FILE, records(3, 0));
        Path unevenFile = archive("uneven.tar.gz", uneven);
        String unev = assertThrows(Cifar10FormatException.class, () -> Cifar10.read(unevenFile, 0, false)).getMessage();
        assertTrue(unev.contains("has 3 records but the files before it have 2 each"), unev);
    }

    @Test
    void truncatedAndNonGzipArchivesAreReportedWithTheRecord() throws Exception {
        Path full = SyntheticCifar.write(dir.resolve("full.tar.gz"), 40, 2);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        String msg = assertThrows(Cifar10FormatException.class, () -> Cifar10.read(cut, 40, true)).getMessage();
        assertTrue(msg.startsWith(cut.toString()) && msg.contains("truncated") && msg.contains("in record"), msg);

        // a complete gzip stream whose tar ends inside a record
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(full))) {
            in.transferTo(tar);
        }
        Path shortTar = dir.resolve("short-tar.tar.gz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(shortTar))) {
            gz.write(tar.toByteArray(), 0, 512 * 3 + 512 + 5000);
        }
        String st = assertThrows(Cifar10FormatException.class, () -> Cifar10.read(shortTar, 40, true)).getMessage();
        assertTrue(st.contains("truncated") && st.contains("data_batch_1.bin"), st);

        Path plain = Files.writeString(dir.resolve("plain.tar.gz"), "not an archive");
        String pl = assertThrows(Cifar10FormatException.class, () -> Cifar10.read(plain, 0, false)).getMessage();
        assertTrue(pl.contains("not a valid gzip archive"), pl);
        assertTrue(assertThrows(Cifar10FormatException.class, () -> Cifar10.read(dir.resolve("absent.tar.gz"), 0, false))
                .getMessage().contains("does not exist"));
    }

    private static String md5(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }

    @Test
    void aGeneratedArchiveIsFoundInAMirrorAndRead() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror/cifar-10"));
        Path file = SyntheticCifar.write(mirror.resolve(Cifar10.FILE_NAME), 10, 3);
        System.setProperty(DataCache.MIRROR_PROPERTY, dir.resolve("mirror").toString());
        RemoteFile remote = Cifar10.remote(dir.resolve("nowhere.tar.gz").toUri(), Checksum.md5(md5(file)));
        assertEquals(file, Cifar10.local(remote));
        Cifar10.Archive a = Cifar10.load(remote, 10, true, Cifar10.HORSE);
        assertEquals(5, a.train().size());
        assertEquals(file, a.file());
        assertFalse(Files.exists(remote.cachedPath()), "a mirror copy is used in place, not copied");
    }

    @Test
    void aDamagedCachedCopyIsMovedAsideAndDownloadedAgainThroughAPartFile() throws Exception {
        Path source = SyntheticCifar.write(dir.resolve("source/" + Cifar10.FILE_NAME), 10, 4);
        RemoteFile remote = Cifar10.remote(source.toUri(), Checksum.md5(md5(source)));
        Path cached = remote.cachedPath();
        Files.createDirectories(cached.getParent());
        byte[] bytes = Files.readAllBytes(source);
        Files.write(cached, Arrays.copyOf(bytes, bytes.length - 100));
        assertNull(Cifar10.local(remote), "a truncated cached copy does not count");
        Cifar10.Archive a = Cifar10.load(remote, 10, true);
        assertEquals(cached, a.file());
        assertArrayEquals(bytes, Files.readAllBytes(cached));
        try (Stream<Path> files = Files.list(cached.getParent())) {
            String names = files.map(p -> p.getFileName().toString()).sorted().reduce("", (x, y) -> x + " " + y);
            assertTrue(names.contains(Cifar10.FILE_NAME + ".rejected-"), names);
            assertFalse(names.contains(".part"), names);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("moved it to"), err.toString(StandardCharsets.UTF_8));
        assertNotNull(Cifar10.local(remote));
    }

    @Test
    void withoutTheRealArchiveTheNotebooksGetTheSyntheticSetAndAreTold() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Files.writeString(mirror.resolve(Cifar10.FILE_NAME), "an error page, not the archive");
        System.setProperty(DataCache.MIRROR_PROPERTY, mirror.toString());
        Cifar10.Archive a = Cifar10.localOrSynthetic(30, Cifar10.HORSE);
        assertTrue(a.synthetic());
        assertEquals(15, a.train().size());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("Data: SYNTHETIC") && printed.strip().lines().count() == 1, printed);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("skipping it"), "the bad mirror copy is reported");
        Path cachedSynthetic = DataCache.location(SyntheticCifar.DATASET, SyntheticCifar.fileName(30, SyntheticCifar.DEFAULT_SEED));
        assertTrue(Files.isRegularFile(cachedSynthetic));
        // a damaged cached synthetic archive is moved aside and generated again
        Files.write(cachedSynthetic, new byte[]{31, -117, 8, 0});
        Cifar10.Archive again = SyntheticCifar.load(30, SyntheticCifar.DEFAULT_SEED, Cifar10.HORSE);
        assertEquals(a.sha256(), again.sha256());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("generating it again"));
    }
}
