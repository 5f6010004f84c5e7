package dlnb.train;

import dlnb.Args;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Cross-entropy per pixel, averaged over the pixels of an image, for DL4J's {@code CnnLossLayer} (per-pixel
 * classification such as colourization): {@code new CnnLossLayer.Builder(new PixelMeanCrossEntropy(32 * 32))
 * .activation(Activation.SOFTMAX).build()}.
 *
 * <p>DL4J's {@code CnnLossLayer} reshapes {@code [n, c, h, w]} to {@code n*h*w} rows of {@code c} classes and
 * divides the summed loss by {@code n}, so with plain {@link LossMCXENT} its score is the <i>sum</i> over an
 * image's pixels (about 1,000 times PyTorch's {@code CrossEntropyLoss} on a 32x32 image). This loss divides
 * score and gradient by the pixels per image, so the score is the mean over all pixels of
 * {@code -log p(true colour)}, the number PyTorch reports. With Adam the steps are the same either way
 * (its update is invariant to scaling the gradient, up to epsilon).
 */
public class PixelMeanCrossEntropy extends LossMCXENT {
    private static final long serialVersionUID = 1L;
    private int pixels = 1;

    /** For DL4J's JSON (de)serialisation. */
    public PixelMeanCrossEntropy() {
        super();
    }

    /** @param pixels pixels per image and channel ({@code h * w}) */
    public PixelMeanCrossEntropy(int pixels) {
        super();
        this.pixels = Args.positive("pixels", pixels);
    }

    public int getPixels() {
        return pixels;
    }

    public void setPixels(int pixels) {
        this.pixels = Args.positive("pixels", pixels);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        return super.computeScore(labels, preOutput, activationFn, mask, average) / pixels;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return super.computeScoreArray(labels, preOutput, activationFn, mask).divi(pixels);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return super.computeGradient(labels, preOutput, activationFn, mask).divi(pixels);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "PixelMeanCrossEntropy";
    }

    @Override
    public String toString() {
        return "PixelMeanCrossEntropy(pixels=" + pixels + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelMeanCrossEntropy p && p.pixels == pixels && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + pixels;
    }
}
