package io.precis.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTTP/1.1 as raw bytes over a socket, for requests no client library would send, on connections the test keeps. */
public final class RawHttp {

    private RawHttp() {
    }

    /** A connection to the service, which gives up reading after 3 s of silence. */
    public static Socket connect(URL root) throws IOException {
        Socket socket = new Socket(root.getHost(), root.getPort());
        socket.setSoTimeout(3000);
        return socket;
    }

    /** Sends the bytes on a new connection and returns the answer. */
    public static String exchange(URL root, String request) throws IOException {
        try (Socket socket = connect(root)) {
            return exchange(socket, request);
        }
    }

    /**
     * Sends the bytes and reads one answer: its head, and its body as long as its Content-Length says, or until the
     * service closes the connection or goes quiet.
     */
    public static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try {
            while (!complete(read.toString(StandardCharsets.ISO_8859_1))) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                read.write(next);
            }
        } catch (SocketTimeoutException e) {
            // What was read is the answer.
        }
        return read.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean complete(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : response.substring(0, end).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return response.length() - end - 4 >= Integer.parseInt(line.substring(15).strip());
            }
        }
        return true;
    }
}
