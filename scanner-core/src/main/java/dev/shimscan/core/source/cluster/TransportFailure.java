package dev.shimscan.core.source.cluster;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What went wrong on the wire with one request, in words for a person: a refused connection, a timeout, a TLS
 * certificate the kubeconfig does not trust, a response cut short. Built from the exception's type and cause chain,
 * never from headers, so it holds no credential.
 *
 * @param description one line, e.g. {@code connection refused}
 * @param retryable   whether trying again may help (a certificate the kubeconfig does not trust never will)
 * @param timeout     whether the request ran out of {@code --request-timeout}
 */
public record TransportFailure(String description, boolean retryable, boolean timeout) {

    /**
     * @param requestTimeout the timeout of one request, for the message ({@link Duration#ZERO}: none)
     */
    public static TransportFailure of(IOException e, Duration requestTimeout) {
        if (e instanceof SSLPeerUnverifiedException) {
            return permanent("TLS: the server's certificate is not valid for this host name ("
                    + firstLine(e.getMessage()) + ")");
        }
        if (e instanceof SSLHandshakeException) {
            if (inChain(e, CertificateExpiredException.class)) {
                return permanent("TLS: the server's certificate has expired");
            }
            if (inChain(e, CertPathBuilderException.class) || inChain(e, CertPathValidatorException.class)
                    || inChain(e, CertificateException.class)) {
                return permanent("TLS: the server's certificate is not signed by the certificate authority the "
                        + "kubeconfig trusts (certificate-authority or certificate-authority-data)");
            }
            return new TransportFailure("TLS handshake failed (" + firstLine(e.getMessage()) + ")", true, false);
        }
        if (e instanceof SSLException) {
            return new TransportFailure("TLS failed (" + firstLine(e.getMessage()) + ")", true, false);
        }
        if (e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
            String within = requestTimeout.isZero() ? "" : " within the request timeout of " + format(requestTimeout);
            boolean connecting = e.getMessage() != null && e.getMessage().toLowerCase().contains("connect");
            return new TransportFailure((connecting ? "no connection" : "no response") + within, true, true);
        }
        if (inChain(e, UnknownHostException.class)) {
            return new TransportFailure("unknown host (" + firstLine(find(e, UnknownHostException.class).getMessage())
                    + ")", true, false);
        }
        if (inChain(e, NoRouteToHostException.class)) {
            return new TransportFailure("no route to host", true, false);
        }
        if (inChain(e, ConnectException.class)) {
            return new TransportFailure(mentions(e, "refused") ? "connection refused" : "cannot connect ("
                    + firstLine(e.getMessage()) + ")", true, false);
        }
        if (e instanceof ProtocolException && "unexpected end of stream".equals(e.getMessage())
                || inChain(e, EOFException.class) || mentions(e, "unexpected end of stream")) {
            return new TransportFailure("the server closed the connection before the response was complete", true,
                    false);
        }
        if (e instanceof SocketException && mentions(e, "reset")) {
            return new TransportFailure("connection reset by the server", true, false);
        }
        String message = firstLine(e.getMessage());
        return new TransportFailure(e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message), true,
                false);
    }

    private static TransportFailure permanent(String description) {
        return new TransportFailure(description, false, false);
    }

    /** {@code 300ms}, {@code 30s}, {@code 2m}: as {@code --request-timeout} takes it. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    private static boolean inChain(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static boolean mentions(Throwable e, String word) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase().contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
