package dlnb.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web server on 127.0.0.1 that misbehaves on request (the JDK's com.sun.net.httpserver): answers
 * with an error status, cuts the body, sends the wrong one, stalls mid-body, never answers. Handlers
 * that hold a connection wait until {@link #close()}, so no test leaves a thread behind.
 */
final class FaultServer implements AutoCloseable {
    /** What a handler does with one request. */
    interface Behaviour {
        void serve(HttpExchange exchange, FaultServer server) throws IOException, InterruptedException;
    }

    /** Thrown by a handler to drop the connection without finishing the answer. */
    private static final class Dropped extends RuntimeException {
        Dropped() {
            super("fault server: dropping the connection on purpose", null, false, false);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault server");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<ServerSocket> rawSockets = new ArrayList<>();
    private final List<Socket> fillers = new ArrayList<>();

    FaultServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** Each request to {@code path} is served by the next behaviour; the last one repeats. */
    FaultServer on(String path, Behaviour... behaviours) {
        AtomicInteger count = hits.computeIfAbsent(path, p -> new AtomicInteger());
        server.createContext(path, exchange -> {
            int n = count.getAndIncrement();
            try {
                behaviours[Math.min(n, behaviours.length - 1)].serve(exchange, this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Dropped e) {
                throw e; // no close: the server drops the connection mid-body, as a crashed peer would
            }
            exchange.close();
        });
        return this;
    }

    /** Waits until the server closes (a hanging peer); returns early only when the test ends. */
    void hold() throws InterruptedException {
        released.await(60, TimeUnit.SECONDS);
    }

    static Behaviour ok(byte[] body) {
        return (x, s) -> {
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        };
    }

    static Behaviour ok(String body) {
        return ok(body.getBytes(StandardCharsets.UTF_8));
    }

    static Behaviour status(int code, String body) {
        return (x, s) -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(code, b.length);
            x.getResponseBody().write(b);
        };
    }

    /** Announces the whole body ({@code chunked}: no length), sends {@code after} bytes, then drops the connection. */
    static Behaviour cut(byte[] body, int after, boolean chunked) {
        return (x, s) -> {
            x.sendResponseHeaders(200, chunked ? 0 : body.length);
            OutputStream out = x.getResponseBody();
            out.write(body, 0, after);
            out.flush();
            throw new Dropped(); // the server closes the socket
        };
    }

    /** Sends {@code after} bytes of a body announced in full, then neither sends nor closes until the test ends. */
    static Behaviour stall(byte[] body, int after) {
        return (x, s) -> {
            x.sendResponseHeaders(200, body.length);
            OutputStream out = x.getResponseBody();
            out.write(body, 0, after);
            out.flush();
            s.hold();
        };
    }

    /** Accepts the request and never answers. */
    static Behaviour silent() {
        return (x, s) -> s.hold();
    }

    /** The body in chunks of {@code chunk} bytes every {@code millis} ms: slow but never stalled. */
    static Behaviour drip(byte[] body, int chunk, long millis) {
        return (x, s) -> {
            x.sendResponseHeaders(200, body.length);
            OutputStream out = x.getResponseBody();
            for (int i = 0; i < body.length; i += chunk) {
                out.write(body, i, Math.min(chunk, body.length - i));
                out.flush();
                Thread.sleep(millis);
            }
            out.close();
        };
    }

    static Behaviour redirect(String to) {
        return (x, s) -> {
            x.getResponseHeaders().add("Location", to);
            x.sendResponseHeaders(302, -1);
        };
    }

    /** A body that never ends (chunked, 64 KB at a time) until the client hangs up. */
    static Behaviour endless() {
        return (x, s) -> {
            x.sendResponseHeaders(200, 0);
            byte[] block = new byte[1 << 16];
            java.util.Arrays.fill(block, (byte) '{');
            OutputStream out = x.getResponseBody();
            for (int i = 0; i < 100_000; i++) {
                out.write(block);
            }
        };
    }

    /** A port where a TCP server accepts the connection and closes it without a byte (or sends {@code garbage}). */
    URI rawUrl(String path, String garbage) throws IOException {
        ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        rawSockets.add(raw);
        pool.execute(() -> {
            while (!raw.isClosed()) {
                try (Socket s = raw.accept()) {
                    if (garbage != null) {
                        s.getOutputStream().write(garbage.getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
        return URI.create("http://127.0.0.1:" + raw.getLocalPort() + path);
    }

    /**
     * A port whose listen queue is full (a server that never accepts and is swamped), so a new
     * connection attempt gets no answer at all; null if this system does not drop SYNs that way.
     */
    URI unconnectableUrl(String path) throws IOException {
        ServerSocket raw = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
        rawSockets.add(raw);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", raw.getLocalPort());
        for (int i = 0; i < 64; i++) {
            Socket s = new Socket();
            fillers.add(s);
            try {
                s.connect(address, 300);
            } catch (SocketTimeoutException e) {
                return URI.create("http://127.0.0.1:" + raw.getLocalPort() + path); // the queue is full
            }
        }
        return null;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        for (Socket s : fillers) {
            try {
                s.close();
            } catch (IOException ignored) {
                // test over
            }
        }
        for (ServerSocket s : rawSockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // test over
            }
        }
        pool.shutdownNow();
    }
}
