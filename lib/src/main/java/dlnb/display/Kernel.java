package dlnb.display;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * The Jupyter kernel this code runs in, found by reflection so the library works under JJava, under
 * IJava (the same API in another package) and outside any kernel (unit tests, benchmarks), where
 * {@link #current()} is empty and callers print plain text instead.
 */
final class Kernel {
    /** Per kernel family: class holding the static accessor, accessor name, DisplayData class. */
    private static final String[][] FAMILIES = {
            {"org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel", "org.dflib.jjava.jupyter.kernel.display.DisplayData"},
            {"io.github.spencerpark.ijava.IJava", "getKernelInstance", "io.github.spencerpark.jupyter.kernel.display.DisplayData"},
    };

    private final Object kernel;
    private final Class<?> displayDataClass;

    private Kernel(Object kernel, Class<?> displayDataClass) {
        this.kernel = kernel;
        this.displayDataClass = displayDataClass;
    }

    static Optional<Kernel> current() {
        for (String[] family : FAMILIES) {
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                Class<?> holder = Class.forName(family[0], true, loader == null ? Kernel.class.getClassLoader() : loader);
                Object kernel = holder.getMethod(family[1]).invoke(null);
                if (kernel != null) {
                    return Optional.of(new Kernel(kernel, Class.forName(family[2], true, holder.getClassLoader())));
                }
            } catch (ReflectiveOperationException | LinkageError notThisKernel) {
                // try the next family
            }
        }
        return Optional.empty();
    }

    /** Shows the bundle as a new output under the given display id (so it can be updated). */
    void display(MimeBundle bundle, String displayId) {
        try {
            Object dd = toDisplayData(bundle, displayId);
            kernel.getClass().getMethod("display", displayDataClass).invoke(kernel, dd);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The Jupyter kernel refused a display request: " + e, e);
        }
    }

    /** Replaces the output shown earlier under {@code displayId}, in place. */
    void update(MimeBundle bundle, String displayId) {
        try {
            Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
            Object stream = io.getClass().getField("display").get(io);
            Object dd = toDisplayData(bundle, displayId);
            stream.getClass().getMethod("updateDisplay", String.class, displayDataClass).invoke(stream, displayId, dd);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The Jupyter kernel refused a display update: " + e, e);
        }
    }

    private Object toDisplayData(MimeBundle bundle, String displayId) throws ReflectiveOperationException {
        Object dd = displayDataClass.getConstructor().newInstance();
        Method putData = displayDataClass.getMethod("putData", String.class, Object.class);
        Method putMetaData = displayDataClass.getMethod("putMetaData", String.class, Object.class);
        for (Map.Entry<String, Object> e : bundle.data().entrySet()) {
            putData.invoke(dd, e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Object> e : bundle.metadata().entrySet()) {
            putMetaData.invoke(dd, e.getKey(), e.getValue());
        }
        if (displayId != null) {
            displayDataClass.getMethod("setDisplayId", String.class).invoke(dd, displayId);
        }
        return dd;
    }
}
