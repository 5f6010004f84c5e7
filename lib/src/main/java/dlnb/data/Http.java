package dlnb.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP GET as every download here makes it, bounded in time at every stage: connecting (connect
 * timeout), waiting for the answer's headers (response timeout) and receiving the body (stall timeout:
 * the download aborts when no byte arrived for that long, however long the whole transfer takes).
 * Redirects are followed; only http, https and file URLs are accepted.
 *
 * <p>The timeouts are system properties in seconds (decimals allowed): {@value #CONNECT_TIMEOUT}
 * (default 20), {@value #RESPONSE_TIMEOUT} (60) and {@value #STALL_TIMEOUT} (60). Failures are
 * {@link Failure}s whose message says in words what happened.
 */
final class Http {
    static final String CONNECT_TIMEOUT = "dlnb.http.connectTimeout";
    static final String RESPONSE_TIMEOUT = "dlnb.http.responseTimeout";
    static final String STALL_TIMEOUT = "dlnb.http.stallTimeout";

    private static final Map<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dlnb download watchdog");
        t.setDaemon(true);
        return t;
    });

    private Http() {
    }

    /** The three limits, read from the system properties at each download. */
    record Timeouts(Duration connect, Duration response, Duration stall) {
        static Timeouts current() {
            return new Timeouts(seconds(CONNECT_TIMEOUT, 20), seconds(RESPONSE_TIMEOUT, 60), seconds(STALL_TIMEOUT, 60));
        }

        private static Duration seconds(String property, double fallback) {
            String text = System.getProperty(property);
            double s = fallback;
            if (text != null && !text.isBlank()) {
                try {
                    s = Double.parseDouble(text.strip());
                } catch (NumberFormatException e) {
                    s = Double.NaN;
                }
                if (!(s > 0 && s <= 86_400)) {
                    throw new IllegalArgumentException("system property " + property + " must be a number of seconds in (0, 86400],"
                            + " got \"" + text + "\"");
                }
            }
            return Duration.ofNanos((long) (s * 1e9));
        }
    }

    /** A download that failed; the message says why in words (no exception class names). */
    static final class Failure extends IOException {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Why {@code url} cannot be downloaded at all (unsupported scheme, no host), or null if it can be tried. */
    static String unsupported(URI url) {
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null) {
            return "the URL " + url + " has no scheme (only http, https and file URLs can be downloaded)";
        }
        if (scheme.equals("file")) {
            return url.getPath() == null ? "the file URL " + url + " has no path" : null;
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "the URL scheme '" + url.getScheme() + "' is not supported (only http, https and file URLs can be downloaded)";
        }
        return url.getHost() == null ? "the URL " + url + " has no host name" : null;
    }

    /**
     * GETs {@code url} (http, https or file) and copies the body to {@code out}, at most {@code maxBytes}
     * of it; returns the number of bytes copied.
     *
     * @throws Failure with a message in words for every failure of the transfer (write errors to
     *                 {@code out} come through as the IOException they are)
     */
    static long get(URI url, OutputStream out, long maxBytes) throws IOException, InterruptedException {
        String unsupported = unsupported(url);
        if (unsupported != null) {
            throw new Failure(unsupported, null);
        }
        if ("file".equalsIgnoreCase(url.getScheme())) {
            Path file;
            try {
                file = Path.of(url);
            } catch (IllegalArgumentException e) {
                throw new Failure("the file URL " + url + " is not a local path (" + e.getMessage() + ")", e);
            }
            if (!Files.isRegularFile(file)) {
                throw new Failure(file + (Files.exists(file) ? " is not a file" : " does not exist"), null);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return copy(in, out, maxBytes, -1, null);
            } catch (Written e) {
                throw e.cause;
            } catch (Failure e) {
                throw e;
            } catch (IOException e) {
                throw new Failure("could not read " + file + ": " + DataCache.describe(e), e);
            }
        }
        Timeouts t = Timeouts.current();
        HttpClient client = CLIENTS.computeIfAbsent(t.connect(), c -> HttpClient.newBuilder().connectTimeout(c)
                .followRedirects(HttpClient.Redirect.NORMAL).build());
        HttpRequest request = HttpRequest.newBuilder(url).timeout(t.response()).header("User-Agent", "dl-notebooks").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new Failure("no connection to " + url.getHost() + " within " + seconds(t.connect()) + " (connect timeout, system property "
                    + CONNECT_TIMEOUT + "); are you offline or behind a proxy?", e);
        } catch (HttpTimeoutException e) {
            throw new Failure("the server accepted the connection but sent no answer within " + seconds(t.response())
                    + " (response timeout, system property " + RESPONSE_TIMEOUT + ")", e);
        } catch (ConnectException e) {
            throw new Failure("could not connect to " + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                    + " (connection refused or no route); are you offline?", e);
        } catch (IOException e) {
            boolean offline = hasCause(e, UnknownHostException.class) || hasCause(e, UnresolvedAddressException.class)
                    || hasCause(e, ConnectException.class);
            throw new Failure("the request to " + url.getHost() + " failed (" + connectionProblem(e) + ")"
                    + (offline ? "; are you offline?" : ""), e);
        } catch (IllegalArgumentException e) {
            throw new Failure("the URL " + url + " cannot be requested (" + e.getMessage() + ")", e);
        }
        try (InputStream body = response.body()) {
            int code = response.statusCode();
            if (code / 100 == 3) {
                throw new Failure("the server answered HTTP " + code + " for " + response.uri() + ", a redirect to "
                        + response.headers().firstValue("location").orElse("nowhere") + " that was not followed"
                        + " (a redirect loop, or from https to http)", null);
            }
            if (code != 200) {
                throw new Failure("the server answered HTTP " + code + " for " + response.uri(), null);
            }
            long announced = response.headers().firstValueAsLong("content-length").orElse(-1);
            if (announced > maxBytes) {
                throw new Failure("the server announces " + announced + " bytes, more than the " + maxBytes + " expected", null);
            }
            return copy(body, out, maxBytes, announced, t.stall());
        } catch (Written w) {
            throw w.cause;
        }
    }

    /** An error writing the destination, kept apart from errors reading the network. */
    private static final class Written extends IOException {
        final IOException cause;

        Written(IOException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    /** Copies with a watchdog that closes {@code in} when no byte arrived for {@code stall} (null: no watchdog). */
    private static long copy(InputStream in, OutputStream out, long maxBytes, long announced, Duration stall) throws IOException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicLong stalledAt = new AtomicLong(-1);
        AtomicLong count = new AtomicLong();
        ScheduledFuture<?> watch = null;
        if (stall != null) {
            long tick = Math.max(10_000_000L, Math.min(stall.toNanos() / 5, 1_000_000_000L));
            watch = WATCHDOG.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastProgress.get() > stall.toNanos() && stalledAt.compareAndSet(-1, count.get())) {
                    try {
                        in.close(); // wakes the blocked read
                    } catch (IOException ignored) {
                        // closing is all we can do; the read reports the stall below
                    }
                }
            }, tick, tick, TimeUnit.NANOSECONDS);
        }
        byte[] buf = new byte[1 << 16];
        try {
            for (int n; ; ) {
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    if (stalledAt.get() >= 0) {
                        break;
                    }
                    throw new Failure("the connection broke off after " + bytes(count.get())
                            + (announced >= 0 ? " of " + bytes(announced) : "") + " (" + connectionProblem(e) + ")", e);
                }
                if (n < 0) {
                    break;
                }
                if (count.get() + n > maxBytes) {
                    throw new Failure("the answer is larger than the " + bytes(maxBytes) + " expected", null);
                }
                try {
                    out.write(buf, 0, n);
                } catch (IOException e) {
                    throw new Written(e);
                }
                count.addAndGet(n);
                lastProgress.set(System.nanoTime());
            }
        } finally {
            if (watch != null) {
                watch.cancel(false);
            }
        }
        if (stalledAt.get() >= 0) {
            throw new Failure("the download stalled: no data for " + seconds(stall) + " after " + bytes(stalledAt.get())
                    + (announced >= 0 ? " of " + bytes(announced) : "") + " (stall timeout, system property " + STALL_TIMEOUT
                    + "); check the connection and run it again", null);
        }
        if (announced >= 0 && count.get() != announced) {
            throw new Failure("the connection broke off after " + bytes(count.get()) + " of " + bytes(announced), null);
        }
        return count.get();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String connectionProblem(IOException e) {
        if (hasCause(e, UnknownHostException.class) || hasCause(e, UnresolvedAddressException.class)) {
            return "the host name could not be resolved";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "the connection closed without an answer" : m;
    }

    private static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d bytes", n);
    }

    static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }
}
