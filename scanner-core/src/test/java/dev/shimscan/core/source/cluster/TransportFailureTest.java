package dev.shimscan.core.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

/**
 * The words for each way a request can fail on the wire, built as OkHttp (under client-java) throws them, and
 * whether trying again can help. The CLI tests see the same failures from real sockets ({@code ClusterFaultsTest}).
 */
class TransportFailureTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private static TransportFailure of(IOException e) {
        return TransportFailure.of(e, TIMEOUT);
    }

    private static <T extends Throwable> T causedBy(T e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    @Test
    void refusedUnknownHostAndNoRouteAreRetried() {
        assertThat(of(causedBy(new ConnectException("Failed to connect to /127.0.0.1:1"),
                new ConnectException("Connection refused"))))
                .isEqualTo(new TransportFailure("connection refused", true, false));
        assertThat(of(new UnknownHostException("api.nowhere.example: Name or service not known")))
                .isEqualTo(new TransportFailure("unknown host (api.nowhere.example: Name or service not known)", true,
                        false));
        assertThat(of(new java.net.NoRouteToHostException("No route to host")))
                .isEqualTo(new TransportFailure("no route to host", true, false));
    }

    @Test
    void timeoutsNameTheRequestTimeout() {
        assertThat(of(new SocketTimeoutException("timeout")))
                .isEqualTo(new TransportFailure("no response within the request timeout of 300ms", true, true));
        assertThat(of(new InterruptedIOException("timeout")))
                .isEqualTo(new TransportFailure("no response within the request timeout of 300ms", true, true));
        assertThat(of(new SocketTimeoutException("Connect timed out")))
                .isEqualTo(new TransportFailure("no connection within the request timeout of 300ms", true, true));
        assertThat(TransportFailure.of(new SocketTimeoutException("timeout"), Duration.ofSeconds(30)).description())
                .isEqualTo("no response within the request timeout of 30s");
        assertThat(TransportFailure.of(new SocketTimeoutException("timeout"), Duration.ofMinutes(2)).description())
                .isEqualTo("no response within the request timeout of 2m");
        assertThat(of(new InterruptedIOException("interrupted")).timeout()).isFalse();
    }

    @Test
    void certificatesTheKubeconfigDoesNotTrustAreNotRetried() {
        TransportFailure untrusted = of(causedBy(new SSLHandshakeException("PKIX path building failed"),
                causedBy(new CertificateException("chain"), new CertPathValidatorException("no trust anchor"))));
        assertThat(untrusted).isEqualTo(new TransportFailure("TLS: the server's certificate is not signed by the "
                + "certificate authority the kubeconfig trusts (certificate-authority or certificate-authority-data)",
                false, false));
        assertThat(of(causedBy(new SSLHandshakeException("expired"), new CertificateExpiredException("NotAfter"))))
                .isEqualTo(new TransportFailure("TLS: the server's certificate has expired", false, false));
        assertThat(of(new SSLPeerUnverifiedException("Hostname api.example not verified:\n    certificate: sha256/x")))
                .isEqualTo(new TransportFailure("TLS: the server's certificate is not valid for this host name "
                        + "(Hostname api.example not verified:)", false, false));
        assertThat(of(new SSLHandshakeException("Remote host terminated the handshake")))
                .isEqualTo(new TransportFailure("TLS handshake failed (Remote host terminated the handshake)", true,
                        false));
        assertThat(of(new SSLException("Unsupported or unrecognized SSL message")))
                .isEqualTo(new TransportFailure("TLS failed (Unsupported or unrecognized SSL message)", true, false));
    }

    @Test
    void aResponseCutShortOrResetIsRetried() {
        TransportFailure closed = new TransportFailure("the server closed the connection before the response was "
                + "complete", true, false);
        assertThat(of(new ProtocolException("unexpected end of stream"))).isEqualTo(closed);
        assertThat(of(causedBy(new IOException("unexpected end of stream on http://127.0.0.1:8080/..."),
                new EOFException("\\n not found: limit=0")))).isEqualTo(closed);
        assertThat(of(new SocketException("Connection reset")))
                .isEqualTo(new TransportFailure("connection reset by the server", true, false));
        assertThat(of(new IOException("something else\nsecond line")))
                .isEqualTo(new TransportFailure("IOException: something else", true, false));
    }
}
