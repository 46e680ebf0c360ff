package dev.shimscan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.shimscan.core.source.cluster.testing.TestApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS server on 127.0.0.1 in front of the test API server, for what fabric8's mock cannot do: it records each
 * request with the client certificate the TLS handshake presented (and can require one), and it can answer some
 * paths itself with an error whose message repeats the request's {@code Authorization} header, as a careless server
 * or proxy might. Everything else is forwarded to the test API server.
 */
final class RecordingFront implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the front saw it; {@code clientCertificate} is the subject of the presented certificate. */
    record Seen(String method, String path, String authorization, long bodyBytes, String clientCertificate) {
    }

    private final HttpsServer server;
    private final ExecutorService threads;
    private final Path certificate;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /**
     * @param upstream          the test API server: the front presents its certificate (for {@code localhost}), and
     *                          forwards to it the requests it does not answer itself
     * @param forward           whether to forward (else unanswered paths get 404)
     * @param clientCertificate the one client certificate accepted, required in the handshake; null: none asked for
     * @param errors            path prefix → HTTP status answered for it, the message repeating the Authorization
     */
    RecordingFront(TestApiServer upstream, boolean forward, Path clientCertificate, Map<String, Integer> errors)
            throws IOException {
        certificate = upstream.certificate();
        SSLContext tls = serverContext(upstream.privateKey(), certificate, clientCertificate);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setNeedClientAuth(clientCertificate != null);
                params.setSSLParameters(p);
            }
        });
        HttpClient client = !forward ? null : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(trusting(upstream.certificate())).build();
        server.createContext("/", exchange -> handle(exchange, upstream, client, errors));
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "recording-front");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.start();
    }

    /** {@code https://localhost:PORT}. */
    String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** The PEM of this server's certificate (the test API server's), to trust in a kubeconfig. */
    Path certificate() {
        return certificate;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange, TestApiServer upstream, HttpClient forward, Map<String, Integer> errors)
            throws IOException {
        try (exchange) {
            long bodyBytes;
            try (InputStream body = exchange.getRequestBody()) {
                bodyBytes = body.transferTo(OutputStream.nullOutputStream());
            }
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String subject = null;
            try {
                subject = ((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName();
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate
            }
            seen.add(new Seen(exchange.getRequestMethod(), path, authorization, bodyBytes, subject));
            for (Map.Entry<String, Integer> e : errors.entrySet()) {
                if (path.startsWith(e.getKey())) {
                    int status = e.getValue();
                    exchange.getResponseHeaders().set("Retry-After", "0");
                    reply(exchange, status, "application/json", JSON.createObjectNode().put("kind", "Status")
                            .put("apiVersion", "v1").put("status", "Failure").put("code", status)
                            .put("message", "rejected, Authorization was: " + authorization).toString()
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            if (forward == null) {
                reply(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream.url() + path))
                    .method(exchange.getRequestMethod(), bodyBytes == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(new byte[(int) bodyBytes]));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                HttpResponse<byte[]> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                reply(exchange, response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 503, "text/plain", new byte[0]);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static SSLContext serverContext(Path key, Path certificate, Path clientCertificate) throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", privateKey(key), new char[0], new Certificate[] {certificate(certificate)});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), clientCertificate == null ? null : trustManagers(clientCertificate), null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static SSLContext trusting(Path certificate) throws IOException {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trustManagers(certificate), null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static javax.net.ssl.TrustManager[] trustManagers(Path certificate)
            throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("trusted", certificate(certificate));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        return tmf.getTrustManagers();
    }

    static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A PEM private key: PKCS#8 ({@code PRIVATE KEY}, RSA or EC) or PKCS#1 ({@code RSA PRIVATE KEY}). */
    static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem);
        byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8OfRsa(der)));
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    /** PKCS#8 around a PKCS#1 RSA key: SEQUENCE { 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING { key } }. */
    private static byte[] pkcs8OfRsa(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaEncryption = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x01, 0x01, 0x05, 0x00};
        byte[] key = der(0x04, pkcs1);
        byte[] body = new byte[version.length + rsaEncryption.length + key.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(rsaEncryption, 0, body, version.length, rsaEncryption.length);
        System.arraycopy(key, 0, body, version.length + rsaEncryption.length, key.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }
}
