package dev.shimscan.core.source.cluster.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A plain-HTTP front on 127.0.0.1 for a {@link TestApiServer}, for the faults its mock server cannot produce: a
 * server that accepts a request and never answers, a response cut off in the middle of its body, a 200 whose body
 * is garbage, a 401 for any token but the valid one. Every other request is relayed byte for byte to the API
 * server over TLS (one upstream connection per client connection). Each request it sees is recorded, with what was
 * done with it. It serves HTTP/1.1 only, which is what the client speaks to a plain-HTTP server: a client sends
 * its next request on a connection only once it has read the previous response, so a fault answers in turn.
 */
public final class FaultyProxy implements AutoCloseable {
    /** What the proxy did with a request. */
    public enum Action { FORWARDED, HUNG, CUT, ANSWERED, UNAUTHORIZED, TRICKLED }

    /** One request as the proxy saw it: the path with its query, the Authorization header, what was done. */
    public record Request(String path, String authorization, Action action) {
    }

    private sealed interface Fault permits Hang, Cut, Answer, Trickle {
    }

    /** Reads the request and never answers; the connection ends when the client gives up. */
    private record Hang() implements Fault {
    }

    /** Sends a 200 with a Content-Length larger than {@code partialBody}, then the partial body, then closes. */
    private record Cut(String partialBody) implements Fault {
    }

    /**
     * A 200 whose body of {@code length} bytes comes one byte every {@code every}: each read gets something long
     * before a read timeout, the whole body never within a request timeout.
     */
    private record Trickle(int length, Duration every) implements Fault {
    }

    /** A whole response with this status and body, the connection kept open. */
    private record Answer(int status, String body) implements Fault {
    }

    private record Rule(String pathPart, boolean onContinueOnly, AtomicInteger remaining, Fault fault) {
        boolean applies(String path) {
            int q = path.indexOf('?');
            String bare = q < 0 ? path : path.substring(0, q);
            return bare.contains(pathPart) && (!onContinueOnly || path.contains("continue="))
                    && remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
        }
    }

    /** What an API server answers a token it does not accept. */
    private static final String UNAUTHORIZED = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";

    private final ServerSocket listener;
    private final TestApiServer upstream;
    private final SSLContext tls;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String acceptedToken;

    private FaultyProxy(ServerSocket listener, TestApiServer upstream, SSLContext tls) {
        this.listener = listener;
        this.upstream = upstream;
        this.tls = tls;
    }

    /** Starts a proxy on a free port of 127.0.0.1 in front of {@code upstream}. */
    public static FaultyProxy start(TestApiServer upstream) throws IOException {
        FaultyProxy proxy = new FaultyProxy(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), upstream,
                trusting(upstream.certificate()));
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** A kubeconfig with one context, {@code context}, pointing at this proxy, with bearer token {@code token}. */
    public Path writeKubeconfig(Path file, String context, String token) throws IOException {
        String text = "apiVersion: v1\nkind: Config\ncurrent-context: " + context + "\n"
                + "clusters:\n- name: " + context + "-cluster\n  cluster:\n    server: " + url() + "\n"
                + "users:\n- name: auditor\n  user:\n    token: " + token + "\n"
                + "contexts:\n- name: " + context + "\n  context:\n    cluster: " + context + "-cluster\n"
                + "    user: auditor\n";
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Requests whose path (without the query) contains {@code pathPart} are never answered, {@code times} times. */
    public void hang(String pathPart, int times) {
        rules.add(new Rule(pathPart, false, new AtomicInteger(times), new Hang()));
    }

    /**
     * Requests on {@code pathPart} (only those with a continue token, if asked) get a 200 that promises more bytes
     * than it sends: {@code partialBody}, then the server closes the connection. {@code times} times.
     */
    public void cutMidBody(String pathPart, boolean onContinueOnly, int times, String partialBody) {
        rules.add(new Rule(pathPart, onContinueOnly, new AtomicInteger(times), new Cut(partialBody)));
    }

    /**
     * Requests on {@code pathPart} get a 200 of {@code length} bytes sent one byte every {@code every}, {@code times}
     * times; the proxy stops when the client closes the connection.
     */
    public void trickle(String pathPart, int times, int length, Duration every) {
        rules.add(new Rule(pathPart, false, new AtomicInteger(times), new Trickle(length, every)));
    }

    /** Requests on {@code pathPart} get this status and body ({@code application/json}), {@code times} times. */
    public void answer(String pathPart, int times, int status, String body) {
        rules.add(new Rule(pathPart, false, new AtomicInteger(times), new Answer(status, body)));
    }

    /** Every request without {@code Authorization: Bearer TOKEN} gets 401, as from an API server. */
    public void acceptOnlyToken(String token) {
        acceptedToken = token;
    }

    public List<Request> requests() {
        return Collections.unmodifiableList(requests);
    }

    /** How many requests had exactly this path and query. */
    public long count(String pathAndQuery) {
        return requests.stream().filter(r -> r.path().equals(pathAndQuery)).count();
    }

    /** No faults, every token accepted, an empty request log. */
    public void clean() {
        rules.clear();
        requests.clear();
        acceptedToken = null;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(this::close);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        Socket server = null;
        try {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            for (byte[] head = readHead(in); head != null; head = readHead(in)) {
                String text = new String(head, StandardCharsets.ISO_8859_1);
                String path = requestPath(text);
                String authorization = header(text, "authorization");
                String token = acceptedToken;
                if (token != null && !("Bearer " + token).equals(authorization)) {
                    requests.add(new Request(path, authorization, Action.UNAUTHORIZED));
                    respond(out, 401, UNAUTHORIZED);
                    continue;
                }
                Fault fault = rules.stream().filter(r -> r.applies(path)).map(Rule::fault).findFirst().orElse(null);
                if (fault instanceof Hang) {
                    requests.add(new Request(path, authorization, Action.HUNG));
                    while (in.read() != -1) {
                        // never answer; return when the client closes the connection
                    }
                    return;
                }
                if (fault instanceof Cut cut) {
                    requests.add(new Request(path, authorization, Action.CUT));
                    byte[] partial = cut.partialBody().getBytes(StandardCharsets.UTF_8);
                    synchronized (out) {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + (partial.length + 4096) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(partial);
                        out.flush();
                    }
                    client.shutdownOutput(); // the end of the stream, 4096 bytes early
                    return;
                }
                if (fault instanceof Trickle trickle) {
                    requests.add(new Request(path, authorization, Action.TRICKLED));
                    synchronized (out) {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + trickle.length() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        for (int i = 0; i < trickle.length(); i++) {
                            sleep(trickle.every()); // the fault itself: a server (or proxy) that sends slowly
                            out.write(i == 0 ? '{' : ' '); // an object that a streaming reader keeps reading
                            out.flush(); // throws once the client has closed the connection
                        }
                    }
                    return;
                }
                if (fault instanceof Answer answer) {
                    requests.add(new Request(path, authorization, Action.ANSWERED));
                    respond(out, answer.status(), answer.body());
                    continue;
                }
                requests.add(new Request(path, authorization, Action.FORWARDED));
                if (server == null) {
                    server = connectUpstream();
                    Socket from = server;
                    threads.execute(() -> relay(from, client, out));
                }
                server.getOutputStream().write(head);
                server.getOutputStream().flush();
            }
        } catch (IOException e) {
            // the client or the server went away: so does this connection
        } finally {
            close(client);
            if (server != null) {
                close(server);
            }
        }
    }

    /** Copies the API server's responses to the client until either side closes. */
    private void relay(Socket server, Socket client, OutputStream out) {
        byte[] buffer = new byte[16384];
        try {
            InputStream in = server.getInputStream();
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            close(client);
            close(server);
        }
    }

    private Socket connectUpstream() throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", upstream.port());
        open.add(socket);
        socket.startHandshake();
        return socket;
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("proxy stopped");
        }
    }

    private static void respond(OutputStream out, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(("HTTP/1.1 " + status + " " + (status == 200 ? "OK" : status == 401 ? "Unauthorized" : "Status")
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        }
    }

    /** The bytes of one request head, up to and including the empty line; null at the end of the stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b != -1; b = in.read()) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == end.length) {
                return head.toByteArray();
            }
            if (head.size() > 65536) {
                throw new IOException("request head larger than 64 KiB");
            }
        }
        return null;
    }

    private static String requestPath(String head) {
        String[] first = head.substring(0, head.indexOf('\r')).split(" ");
        return first.length > 1 ? first[1] : "";
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("api-server", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the test API server's certificate", e);
        }
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
