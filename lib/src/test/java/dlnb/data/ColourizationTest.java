package dlnb.data;

import dlnb.Seeds;
import dlnb.train.Evaluate;
import dlnb.train.PixelMeanCrossEntropy;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColourizationTest {
    @TempDir
    Path dir;

    @BeforeEach
    void isolate() {
        System.setProperty(DataCache.PROPERTY, dir.resolve("cache").toString());
        Seeds.set(42);
    }

    @AfterEach
    void restore() {
        System.clearProperty(DataCache.PROPERTY);
    }

    /** Two 2x2 images: (pure red, pure blue / dark grey, white) and its mirror image. */
    private static ColourImages twoImages() {
        byte[] p = new byte[2 * 3 * 4];
        int[][] first = {{255, 0, 0}, {0, 0, 255}, {40, 40, 40}, {255, 255, 255}};
        for (int i = 0; i < 2; i++) {
            for (int q = 0; q < 4; q++) {
                int[] c = first[i == 0 ? q : 3 - q];
                for (int ch = 0; ch < 3; ch++) {
                    p[(i * 3 + ch) * 4 + q] = (byte) c[ch];
                }
            }
        }
        return new ColourImages("two", 2, 2, p, new int[]{7, 7}, Cifar10.CLASS_NAMES);
    }

    @Test
    void nearestColourAndGreyFollowTheirDefinitions() {
        Palette p = Palette.of(new double[][]{{0, 0, 0}, {255, 0, 0}, {0, 0, 255}, {255, 255, 255}});
        assertEquals(1, p.nearest(200, 30, 30));
        assertEquals(0, p.nearest(40, 40, 40));
        assertEquals(3, p.nearest(200, 200, 200));
        assertEquals(0, p.nearest(127.5, 0, 0), "a tie goes to the lower index");
        assertEquals(0xff0000, p.rgb(1));
        assertEquals((255 + 0 + 0) / 3.0 / 255, Colourization.grey(255, 0, 0), 1e-12);
        Colourization.Examples ex = Colourization.of(p).prepare(twoImages());
        assertEquals(1, ex.target(0, 0));
        assertEquals(2, ex.target(0, 1));
        assertEquals(0, ex.target(0, 2));
        assertEquals(3, ex.target(0, 3));
        assertEquals(3, ex.target(1, 0));
        INDArray x = ex.inputs(new int[]{0});
        assertArrayEquals(new long[]{1, 1, 2, 2}, x.shape());
        assertEquals(1 / 3.0, x.getDouble(0, 0, 0, 0), 1e-6);
        assertEquals(40 / 255.0, x.getDouble(0, 0, 1, 0), 1e-6);
        INDArray y = ex.labels(new int[]{1, 0});
        assertArrayEquals(new long[]{2, 4, 2, 2}, y.shape());
        assertEquals(1.0, y.getDouble(0, 3, 0, 0));
        assertEquals(1.0, y.getDouble(1, 1, 0, 0));
        assertEquals(8.0, y.sumNumber().doubleValue(), "one-hot: one 1 per pixel");
        assertEquals(0.25, ex.accuracyOfConstant(3));
        assertEquals(0.5, ex.accuracy(new int[]{1, 2, 0, 0, 0, 0, 0, 0}), "pixels 0-2 of image 0 and pixel 3 of image 1 match");
    }

    @Test
    void kMeansRecoversDistinctColoursIsSeededAndCached() throws Exception {
        ColourImages two = twoImages();
        Palette p = Palette.kMeans(two, 4, 1000);
        assertEquals(4, p.size());
        // sorted by brightness: dark grey (40), red (85) and blue (85, red first), white
        assertArrayEquals(new double[]{40, 40, 40}, p.colour(0), 1e-9);
        assertArrayEquals(new double[]{0, 0, 255}, p.colour(1), 1e-9);
        assertArrayEquals(new double[]{255, 0, 0}, p.colour(2), 1e-9);
        assertArrayEquals(new double[]{255, 255, 255}, p.colour(3), 1e-9);
        Path cacheDir = DataCache.dir().resolve(Palette.CACHE_DATASET);
        assertEquals(1, Files.list(cacheDir).count());
        Palette again = Palette.kMeans(two, 4, 1000);
        assertTrue(again.origin().contains("read from the cache"), again.origin());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(p.colour(i), again.colour(i), 1e-6);
        }
    }

    @Test
    void kMeansOnSyntheticScenesIsReproducibleAndADamagedCacheIsRecomputed() throws Exception {
        ColourImages horses = Cifar10.read(SyntheticCifar.write(dir.resolve("s.tar.gz"), 30, 1), 30, true, Cifar10.HORSE).train();
        Palette a = Palette.kMeans(horses, 24, 5000);
        Path cached;
        try (var files = Files.list(DataCache.dir().resolve(Palette.CACHE_DATASET))) {
            cached = files.findFirst().orElseThrow();
        }
        Files.delete(cached);
        Palette b = Palette.kMeans(horses, 24, 5000);
        for (int i = 0; i < 24; i++) {
            assertArrayEquals(a.colour(i), b.colour(i), 1e-9, "same seed, same palette (colour " + i + ")");
        }
        Files.writeString(cached, "1 2\n");
        Palette c = Palette.kMeans(horses, 24, 5000);
        assertArrayEquals(a.colour(5), c.colour(5), 1e-9);
        Seeds.set(43);
        Palette d = Palette.kMeans(horses, 24, 5000);
        boolean differs = false;
        for (int i = 0; i < 24; i++) {
            differs |= !java.util.Arrays.equals(a.colour(i), d.colour(i));
        }
        assertTrue(differs, "another seed samples other pixels");
        double sum = 0;
        for (int i = 0; i < 24; i++) {
            double[] col = a.colour(i);
            sum += col[0] + col[1] + col[2];
            if (i > 0) {
                double[] prev = a.colour(i - 1);
                assertTrue(prev[0] + prev[1] + prev[2] <= col[0] + col[1] + col[2], "sorted by brightness");
            }
        }
        assertTrue(sum > 0);
    }

    @Test
    void batchesServeEveryImageOncePerEpochAndShuffleBySeed() {
        ColourImages horses = Cifar10.read(SyntheticCifar.write(dir.resolve("s.tar.gz"), 50, 1), 50, true, Cifar10.HORSE).train();
        Colourization.Examples ex = Colourization.of(Palette.kMeans(horses, 8, 2000)).prepare(horses);
        Colourization.PixelBatches b = ex.batches(10).shuffled("order");
        assertEquals(3, b.batchesPerEpoch());
        double total = 0;
        int batches = 0;
        while (b.hasNext()) {
            DataSet d = b.next();
            assertArrayEquals(new long[]{d.numExamples(), 8, 32, 32}, d.getLabels().shape());
            total += d.getFeatures().sumNumber().doubleValue();
            batches++;
        }
        assertEquals(3, batches);
        assertEquals(ex.inputs(java.util.stream.IntStream.range(0, 25).toArray()).sumNumber().doubleValue(), total, 0.1, "float sums of 25 x 1024 values");
        DataSet first = ex.batches(10).next();
        b.reset();
        assertNotEquals(first.getFeatures(), b.next().getFeatures(), "shuffled");
    }

    /** A uniform output (zero weights) has per-pixel cross-entropy ln(NC); Evaluate counts pixels, not images. */
    @Test
    void pixelMeanCrossEntropyIsTheMeanOverPixelsAndEvaluateCountsPixels() {
        ColourImages horses = Cifar10.read(SyntheticCifar.write(dir.resolve("s.tar.gz"), 20, 1), 20, true, Cifar10.HORSE).train();
        Colourization.Examples ex = Colourization.of(Palette.kMeans(horses, 6, 2000)).prepare(horses);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.01))
                .weightInit(WeightInit.ZERO).list()
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new CnnLossLayer.Builder(new PixelMeanCrossEntropy(32 * 32)).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(32, 32, 1)).build());
        net.init();
        DataSet all = ex.dataSet();
        assertEquals(Math.log(6), net.score(all), 1e-3, "float sums over 10 x 1024 pixels");
        Evaluate.Result r = Evaluate.on(net, ex.batches(4));
        assertEquals(Math.log(6), r.loss(), 1e-3);
        int[] predicted = ex.predict(net);
        assertEquals(ex.accuracy(predicted), r.accuracy(), 1e-12, "accuracy over pixels, as Colourization computes it");
        assertTrue(r.accuracy() <= 1);
        for (int i = 0; i < 30; i++) {
            net.fit(all);
        }
        assertTrue(net.score(all) < Math.log(6) - 0.1, "trains: " + net.score(all));
    }
}
