package dlnb.bench;

import dlnb.Args;
import dlnb.layers.BatchNormReluLayer;
import dlnb.layers.LinearConvolutionLayer;
import dlnb.layers.MaxPoolingLayer;
import dlnb.layers.ReluConvolutionLayer;
import dlnb.train.PixelMeanCrossEntropy;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The networks the training benchmark times, for 1x28x28 inputs and 10 classes, with SGD + Nesterov
 * momentum (lr 0.01, 0.9) and He-normal weights; and HW2's colourization nets (1x32x32 grey in, a palette
 * colour per pixel out, Adam). The homework notebooks build their own (explicit)
 * versions; these are compact copies so the benchmark measures the same shapes.
 * {@code lib/bin/torch_reference.py} builds the same networks in PyTorch for the reference mode.
 */
public final class BenchModels {
    private static final int SIDE = 28;
    private static final int CLASSES = 10;

    private BenchModels() {
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(new Nesterovs(0.01, 0.9)).weightInit(WeightInit.RELU);
    }

    /** Multilayer perceptron 784-64-10 (flat inputs). */
    public static MultiLayerNetwork mlp(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(base(seed).list()
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(output())
                .setInputType(InputType.feedForward(SIDE * SIDE))
                .build());
        net.init();
        return net;
    }

    /**
     * Homework 3's lab net: conv 5x5 16 (padding 2) -> ReLU -> max-pool 2 -> conv 5x5 32 (padding 2) -> ReLU
     * -> max-pool 2 -> dense softmax 10; 28 -> 28 -> 14 -> 14 -> 7, 28,938 parameters. Its convolutions are
     * {@link ReluConvolutionLayer}s (same numbers as DL4J's, faster to train).
     */
    public static MultiLayerNetwork twoConv(long seed) {
        return twoConv(seed, true);
    }

    /** {@link #twoConv(long)}, with DL4J's own {@code ConvolutionLayer}s unless {@code fastLayers}. */
    public static MultiLayerNetwork twoConv(long seed, boolean fastLayers) {
        java.util.function.IntFunction<ConvolutionLayer> conv = n -> fastLayers
                ? new ReluConvolutionLayer.Builder(5, 5).padding(2, 2).nOut(n).build()
                : new ConvolutionLayer.Builder(5, 5).padding(2, 2).nOut(n).activation(Activation.RELU).build();
        MultiLayerNetwork net = new MultiLayerNetwork(base(seed).list()
                .layer(conv.apply(16))
                .layer(new MaxPoolingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(conv.apply(32))
                .layer(new MaxPoolingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(output())
                .setInputType(InputType.convolutional(SIDE, SIDE, 1))
                .build());
        net.init();
        return net;
    }

    /**
     * Zhang et al.'s small Inception (ICLR 2017) for 28x28 inputs: conv-BN-ReLU modules, Inception
     * blocks (1x1 and 3x3 branches concatenated) and two downsample blocks (3x3 stride-2 conv beside
     * 3x3 stride-2 max-pool, both padded by 1 so 28 -> 14 -> 7), global average pooling, dense 10.
     */
    public static ComputationGraph inceptionSmall(long seed) {
        GraphBuilder g = base(seed).convolutionMode(ConvolutionMode.Truncate).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(SIDE, SIDE, 1));
        String x = module(g, "stem", "in", 96, 3, 1);
        int[][] blocks = {{32, 32}, {32, 48}, {-80}, {112, 48}, {96, 64}, {80, 80}, {48, 96}, {-96}, {176, 160}, {176, 160}};
        for (int b = 0; b < blocks.length; b++) {
            String name = "b" + b;
            if (blocks[b].length == 1) {
                String conv = module(g, name + "c", x, -blocks[b][0], 3, 2);
                g.addLayer(name + "p", new MaxPoolingLayer.Builder(3, 3).stride(2, 2).padding(1, 1).build(), x);
                g.addVertex(name, new MergeVertex(), conv, name + "p");
            } else {
                g.addVertex(name, new MergeVertex(), module(g, name + "a", x, blocks[b][0], 1, 1),
                        module(g, name + "b", x, blocks[b][1], 3, 1));
            }
            x = name;
        }
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer("out", output(), "gap");
        g.setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /** conv k x k (padding k/2, so stride 1 keeps the size; no activation) -> batch norm + ReLU; returns the output vertex. */
    private static String module(GraphBuilder g, String name, String input, int out, int k, int stride) {
        Args.positive("out", out);
        g.addLayer(name + "_conv", new LinearConvolutionLayer.Builder(k, k).stride(stride, stride).padding(k / 2, k / 2)
                .nOut(out).build(), input);
        g.addLayer(name, new BatchNormReluLayer.Builder().build(), name + "_conv");
        return name;
    }

    /**
     * HW2's PoolUpsampleNet for 1x32x32 grey inputs and {@code colours} palette colours per pixel (kernel 3, NF = 32):
     * [conv -> max-pool 2 -> BN + ReLU] with 32 and 64 filters, [conv -> upsample x2 -> BN + ReLU] with 32 and
     * {@code colours} filters, a final conv to {@code colours}, per-pixel softmax cross-entropy; Adam (lr 0.001)
     * as the homework. 32 -> 16 -> 8 -> 16 -> 32.
     */
    public static MultiLayerNetwork poolUpsampleNet(long seed, int colours) {
        int nf = 32;
        NeuralNetConfiguration.ListBuilder b = colourizationLayers(seed);
        int[] filters = {nf, 2 * nf, nf, colours};
        for (int i = 0; i < 4; i++) {
            b.layer(new LinearConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(filters[i]).build());
            b.layer(i < 2 ? new MaxPoolingLayer.Builder(2, 2).stride(2, 2).build() : new Upsampling2D.Builder(2).build());
            b.layer(new BatchNormReluLayer.Builder().build());
        }
        return colourizationNet(b, colours);
    }

    /**
     * HW2's ConvTransposeNet for 1x32x32 grey inputs and {@code colours} palette colours per pixel (kernel 3, NF = 32):
     * [conv stride 2 (padding 1) -> BN + ReLU] with 32 and 64 filters, [transposed conv stride 2 -> BN + ReLU] with 32
     * and {@code colours} filters, a final conv to {@code colours}, per-pixel softmax cross-entropy; Adam (lr 0.001).
     * 32 -> 16 -> 8 -> 16 -> 32. The transposed convs are PyTorch's padding 1 with output padding 1: DL4J padding 0,
     * then one row and column cropped at the top and left.
     */
    public static MultiLayerNetwork convTransposeNet(long seed, int colours) {
        int nf = 32;
        NeuralNetConfiguration.ListBuilder b = colourizationLayers(seed);
        for (int out : new int[]{nf, 2 * nf}) {
            b.layer(new LinearConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(out).build());
            b.layer(new BatchNormReluLayer.Builder().build());
        }
        for (int out : new int[]{nf, colours}) {
            b.layer(new Deconvolution2D.Builder(3, 3).stride(2, 2).nOut(out).activation(Activation.IDENTITY).build());
            b.layer(new Cropping2D(1, 0, 1, 0));
            b.layer(new BatchNormReluLayer.Builder().build());
        }
        return colourizationNet(b, colours);
    }

    /** The colourization nets' settings: seeded, Adam at lr 0.001 as the homework, He initialisation. */
    private static NeuralNetConfiguration.ListBuilder colourizationLayers(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(0.001)).weightInit(WeightInit.RELU).list();
    }

    /** The colourization nets' end: a 3x3 conv to {@code colours} and per-pixel softmax cross-entropy on 1x32x32 inputs. */
    private static MultiLayerNetwork colourizationNet(NeuralNetConfiguration.ListBuilder b, int colours) {
        b.layer(new LinearConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(colours).build());
        b.layer(new CnnLossLayer.Builder(new PixelMeanCrossEntropy(32 * 32)).activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.convolutional(32, 32, 1)).build());
        net.init();
        return net;
    }

    /**
     * HW2's UNet: {@link #convTransposeNet} with skip connections by channel concatenation, the first block's
     * output joining the first transposed conv's (64 channels at 16x16 into the second transposed conv) and the
     * grey input joining the second's ({@code colours + 1} channels at 32x32 into the final conv).
     */
    public static ComputationGraph uNet(long seed, int colours) {
        int nf = 32;
        GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(0.001)).weightInit(WeightInit.RELU)
                .graphBuilder().addInputs("grey").setInputTypes(InputType.convolutional(32, 32, 1));
        String b1 = module(g, "block1", "grey", nf, 3, 2);
        String b2 = module(g, "block2", b1, 2 * nf, 3, 2);
        String b3 = upModule(g, "block3", b2, nf);
        g.addVertex("skip1", new MergeVertex(), b3, b1);
        String b4 = upModule(g, "block4", "skip1", colours);
        g.addVertex("skip0", new MergeVertex(), b4, "grey");
        g.addLayer("block5", new LinearConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(colours).build(), "skip0");
        g.addLayer("loss", new CnnLossLayer.Builder(new PixelMeanCrossEntropy(32 * 32)).activation(Activation.SOFTMAX).build(), "block5");
        ComputationGraph net = new ComputationGraph(g.setOutputs("loss").build());
        net.init();
        return net;
    }

    /** 3x3 transposed conv, stride 2 (PyTorch's padding 1, output padding 1) -> batch norm + ReLU; returns the output vertex. */
    private static String upModule(GraphBuilder g, String name, String input, int out) {
        g.addLayer(name + "_deconv", new Deconvolution2D.Builder(3, 3).stride(2, 2).nOut(out).activation(Activation.IDENTITY).build(), input);
        g.addLayer(name + "_crop", new Cropping2D(1, 0, 1, 0), name + "_deconv");
        g.addLayer(name, new BatchNormReluLayer.Builder().build(), name + "_crop");
        return name;
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX).build();
    }
}
